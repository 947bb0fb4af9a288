-- A runaway loop is stopped by the instruction limit at its line, and the
-- document saved before it is not written.
-- Run from the repository root, and see the error at the marked line:
--   ./brief tests/lua/sandbox/instruction_limit_stops_a_runaway_loop_at_its_line.lua --max-instructions 1000000
local brief = require 'brief'
brief.document{}:save()
local n = 0
while true do n = n + 1 end  --> error: stopped: instruction limit of 1000000 exceeded (raise it with --max-instructions)
