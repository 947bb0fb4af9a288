-- page.lua -- a one-page briefing for the batch tests and the batch
-- benchmark: the parameter n (from --set or --each) and a few records.
local brief = require "brief"
local rel = require "relations"
local n = brief.params.n or "-"
local doc = brief.document{ title = "Briefing " .. n }
doc:paragraph(brief.format("n={n} who={who}", { n = n, who = brief.params.who or "-" }))
doc:table{ rows = rel.events:where(function(e) return e.year >= 2019 end),
           columns = { { title = "Year", key = "year" }, { title = "Event", key = "title" } } }
