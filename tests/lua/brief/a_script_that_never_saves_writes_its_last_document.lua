-- A script that never calls doc:save() has its last document saved to the
-- output path when it ends (two pages here); the first is not written.
-- Run from the repository root: ./brief tests/lua/brief/a_script_that_never_saves_writes_its_last_document.lua -o /tmp/last.pdf
local brief = require 'brief'
local first = brief.document{title = 'First'}
first:paragraph('one page')
local last = brief.document{title = 'Last'}
last:paragraph('page one')
last:page_break()
last:paragraph('page two')
