-- The good run: a one-page PDF at the output path, saved when the script
-- ends. The test then runs the failing scripts beside this one
-- (a_failed_run_leaves_an_existing_pdf_untouched_*.lua, and a crash) with
-- the same output path, and checks this PDF stays byte for byte.
-- Run from the repository root:
--   ./brief tests/lua/host/a_failed_run_leaves_an_existing_pdf_untouched.lua -o /tmp/host-check/out.pdf
local brief = require 'brief'
local doc = brief.document{title = 'The good one'}
doc:paragraph('Good content.')
