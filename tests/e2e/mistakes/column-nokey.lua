-- Columns given as bare titles with record rows: say to give a key.
-- exit: 3
-- stderr: column-nokey.lua:6: table column 1 has no key, and row 1 is a record of events: give the column as { title = "Year", key = "year" }
local rel = require "relations"
local doc = (require "brief").document{ title = "Milestones" }
doc:table{ columns = { "Year", "Title" }, rows = rel.events }
