-- The save brief makes for a script that never called doc:save() still
-- names the script in its errors (FILE:LINE: message): here, --strict
-- failing on a character no font has.
-- Run from the repository root:
--   ./brief tests/lua/brief/implicit_save_errors_name_the_script.lua --strict
local brief = require 'brief'
local doc = brief.document{}
doc:paragraph('A face: \u{1F600} that no font has')
