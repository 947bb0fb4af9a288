-- With --check, doc:save() lays out and returns the path and pages it would
-- have written, and nothing is written, by this save or another.
-- Run from the repository root (nothing is written; exit 0 when every check holds):
--   ./brief tests/lua/brief/check_mode_lays_out_but_writes_nothing.lua --check \
--       -o /tmp/brief-check/out.pdf --set out=/tmp/brief-check/out.pdf
local brief = require 'brief'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local out = assert(brief.params.out, 'run with --set out=PATH, PATH the -o path')
local doc = brief.document{title = 'Checked'}
doc:paragraph('text')
local path, pages = doc:save()
eq(path, out, 'path')
eq(pages, 1, 'pages')
local other = brief.document{}
other:paragraph('more')
other:save('other.pdf')
