-- exit: 3
-- stderr: width.lua:5: table column 2: width must be a number of points, got "wide"
local rel = require "relations"
local doc = (require "brief").document{ title = "x" }
doc:table{ columns = { { title = "Year", key = "year" }, { title = "Title", key = "title", width = "wide" } }, rows = rel.events }
