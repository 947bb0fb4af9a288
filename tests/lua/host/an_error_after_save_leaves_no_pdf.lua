-- Two saves, then an error: the run fails at the error's line and neither
-- PDF is written (outputs are committed only when the whole run succeeds).
-- Run from the repository root, and see that /tmp/host-check holds no PDF:
--   ./brief tests/lua/host/an_error_after_save_leaves_no_pdf.lua -o /tmp/host-check/out.pdf
local brief = require 'brief'
local doc = brief.document{title = 'Half'}
doc:paragraph('text')
doc:save()
doc:save('second.pdf')
error('failed after saving')  --> error: failed after saving
