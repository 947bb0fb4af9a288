-- doc:save() returns the path it wrote and the number of pages: with no
-- path, the output path (-o); a relative path is taken in the output folder,
-- the folder of the output path. The test checks the papers (A4 by default,
-- Letter asked for) in the PDFs.
-- Run from the repository root, with the output path given twice (as -o and
-- as the parameter out, which the checks compare with):
--   ./brief tests/lua/brief/document_defaults_to_a4_and_save_returns_path_and_pages.lua \
--       -o /tmp/brief-check/out.pdf --set out=/tmp/brief-check/out.pdf
local brief = require 'brief'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local out = assert(brief.params.out, 'run with --set out=PATH, PATH the -o path')
local doc = brief.document{}
local path, pages = doc:save()
eq(path, out, 'default path')
eq(pages, 1, 'pages of an empty document')
local letter = brief.document{paper = 'Letter'}
letter:paragraph('one')
letter:page_break()
letter:paragraph('two')
path, pages = letter:save('sub/letter.pdf')
eq(path, out:match('^(.*)/') .. '/sub/letter.pdf', 'a path taken in the output folder')
eq(pages, 2, 'pages after a page break')
