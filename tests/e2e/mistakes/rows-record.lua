-- exit: 3
-- stderr: rows-record.lua:5: table: 'rows' must be a list of rows (a table or a collection), got one events record
local rel = require "relations"
local doc = (require "brief").document{ title = "x" }
doc:table{ columns = { { title = "Year", key = "year" } }, rows = rel.events:first() }
