-- warns.lua -- a briefing that renders with a warning at line 5 (a
-- character no font has), for the summary's warnings and --strict.
local brief = require "brief"
local doc = brief.document{ title = "Warns" }
doc:paragraph("A face: 😀 no font has.")
