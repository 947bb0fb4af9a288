-- Predicates and comparators read a field of every record; only values
-- read outside them count. The paragraph names two meetings, but the name
-- of one was read only by the queries: one record, one source.
local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "One record" }
local named = rel.meetings:where(function(m) return m.name:find("Dialogue", 1, true) ~= nil end)
local by_name = named:sort(function(a, b) return a.name < b.name end)
local m = by_name:first(function(x) return x.name:find("28th", 1, true) ~= nil end)
assert(#named > 1 and m)
doc:paragraph(m.name .. " followed the 24th ASEAN-ROK Dialogue.")
doc:heading("Sources")
doc:sources()
