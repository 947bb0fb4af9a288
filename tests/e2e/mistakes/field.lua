-- A misspelt record field is an error at the line that reads it.
-- exit: 3
-- stderr: field.lua:7: events record has no field 'titel' (did you mean 'title'?)
local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Milestones" }
for _, e in ipairs(rel.events) do doc:paragraph(e.titel) end
