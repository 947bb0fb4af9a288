-- Two saves, a.pdf and b.pdf, then, with the parameter fail=yes, an error:
-- then neither file is created, and an a.pdf that was there before is left
-- byte for byte; without it both are written.
-- Run from the repository root, with and without --set fail=yes:
--   ./brief tests/lua/host/outputs_commit_together_or_not_at_all.lua -o /tmp/host-check/out.pdf --set fail=yes
local brief = require 'brief'
local doc = brief.document{}
doc:paragraph('one')
doc:save('a.pdf')
doc:save('b.pdf')
if brief.params.fail == 'yes' then error('late') end  --> error: late
