-- A character no font has is a warning; with --strict, the save fails at
-- its line and nothing is written.
-- Run from the repository root, with and without --strict:
--   ./brief tests/lua/brief/strict_mode_fails_on_an_uncovered_character_and_writes_nothing.lua --strict
local brief = require 'brief'
local doc = brief.document{}
doc:paragraph('A face: \u{1F600} that no font has')
doc:save()  --> error: save: 1 warning with --strict: nothing written
