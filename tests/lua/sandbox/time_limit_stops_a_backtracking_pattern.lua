-- A pattern that backtracks for ages runs inside one library call, where
-- the instruction count cannot stop it: the wall clock does, and the
-- document saved before it is not written.
-- Run from the repository root (it stops after a second):
--   ./brief tests/lua/sandbox/time_limit_stops_a_backtracking_pattern.lua --timeout 1
local brief = require 'brief'
brief.document{}:save()
local s = ('a'):rep(40)
local i = s:find(('a*'):rep(30) .. 'b')
error('the pattern finished')
