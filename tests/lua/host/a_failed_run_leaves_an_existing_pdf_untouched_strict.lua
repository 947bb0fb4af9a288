-- A failed run, by --strict and a character no font has: the PDF already
-- at the output path is left as it was.
-- Run from the repository root, after a_failed_run_leaves_an_existing_pdf_untouched.lua:
--   ./brief tests/lua/host/a_failed_run_leaves_an_existing_pdf_untouched_strict.lua -o /tmp/host-check/out.pdf --strict
local brief = require 'brief'
local doc = brief.document{title = 'Bad'}
doc:paragraph('\u{1F600}')
doc:save()
