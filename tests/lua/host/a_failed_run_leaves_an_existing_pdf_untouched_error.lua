-- A failed run, by a script error after saving: the PDF already at the
-- output path is left as it was.
-- Run from the repository root, after a_failed_run_leaves_an_existing_pdf_untouched.lua:
--   ./brief tests/lua/host/a_failed_run_leaves_an_existing_pdf_untouched_error.lua -o /tmp/host-check/out.pdf
local brief = require 'brief'
local doc = brief.document{title = 'Bad'}
doc:paragraph('Bad content.')
doc:save()
error('failed after saving')
