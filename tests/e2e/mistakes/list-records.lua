-- A list of records (not text) says to show a field.
-- exit: 3
-- stderr: list-records.lua:6: list item 1: expected text, got events record 'asean-founded-1967': show one of its fields
local rel = require "relations"
local doc = (require "brief").document{ title = "x" }
doc:list(rel.events)
