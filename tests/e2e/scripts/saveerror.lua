-- Saved, then failed: a failed run leaves no PDF.
local brief = require "brief"
local doc = brief.document{ title = "Half" }
doc:paragraph("text")
doc:save()
error("failed after saving")
