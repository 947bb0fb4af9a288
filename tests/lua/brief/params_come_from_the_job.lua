-- brief.params holds the --set values as strings; a key not set is nil.
-- Run from the repository root (it writes nothing; exit 0 when every check holds):
--   ./brief tests/lua/brief/params_come_from_the_job.lua --set year=2024 --set who=ASEAN–ROK
local brief = require 'brief'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

eq(brief.params.year, '2024', 'year')
eq(brief.params.who, 'ASEAN–ROK', 'who')
eq(brief.params.missing, nil, 'missing')
