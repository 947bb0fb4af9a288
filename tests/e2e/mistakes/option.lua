-- A misspelt option key is an error naming the nearest.
-- exit: 3
-- stderr: option.lua:5: document: unknown option 'titel' (did you mean 'title'?)
local brief = require "brief"
local doc = brief.document{ titel = "Milestones" }
doc:paragraph("x")
