-- brief.format with no value for a placeholder raises at the line that
-- called it, here inside a function of the script's own.
-- Run from the repository root, and see the error at the marked line:
--   ./brief tests/lua/brief/format_missing_key_is_an_error_at_the_callers_line.lua
local brief = require 'brief'
local function line(vars)
  local s = brief.format('{a} and {b}', vars)  --> error: brief.format: no value for {b}
  return s
end
line({a = 1})
