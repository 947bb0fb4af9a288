-- An empty optional field is nil, not an error.
-- exit: 0
-- stderr: field-empty.pdf: 1 page
local rel = require "relations"
local doc = (require "brief").document{ title = "Places" }
local without = rel.events:where(function(e) return e.place == nil end)
doc:paragraph(#without .. " events have no place")
