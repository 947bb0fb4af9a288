-- A table column's key the records lack is an error naming the column.
-- exit: 3
-- stderr: column-key.lua:6: table column 1: key 'yaer': events record has no field 'yaer' (did you mean 'year'?)
local rel = require "relations"
local doc = (require "brief").document{ title = "Milestones" }
doc:table{ columns = { { title = "Year", key = "yaer" }, { title = "Milestone", key = "title" } }, rows = rel.events }
