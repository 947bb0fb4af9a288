-- brief.format with no value at the end of a path ({a.c}) raises at the
-- line that called it.
-- Run from the repository root, and see the error at the marked line:
--   ./brief tests/lua/brief/format_missing_key_is_an_error_at_the_callers_line_path.lua
local brief = require 'brief'
local s = brief.format('{a.c}', {a = {}})  --> error: brief.format: no value for {a.c}
