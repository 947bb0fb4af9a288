-- A failed run, stopped by the instruction limit after saving: the PDF
-- already at the output path is left as it was.
-- Run from the repository root, after a_failed_run_leaves_an_existing_pdf_untouched.lua:
--   ./brief tests/lua/host/a_failed_run_leaves_an_existing_pdf_untouched_loop.lua -o /tmp/host-check/out.pdf \
--       --max-instructions 1000000
local brief = require 'brief'
brief.document{title = 'Bad'}:save()
while true do end
