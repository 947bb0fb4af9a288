-- Citations: doc:cite() gives each record the number of its source in the
-- list, whether the list comes before or after, and whatever the order of
-- the sources in the dataset. Prints "ID<tab>SOURCE TITLE" for each record
-- cited, for the test to check the list against.
local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Citations" }
doc:heading("Sources")
doc:sources()
doc:heading("Cited")
local function find(coll, id) return (assert(rel[coll]:first{ id = id }, id)) end
local cited = {
  find("meetings", "dialogue-2024-28th"),
  find("events", "sectoral-dialogue-1989"),
  find("figures", "trade-2017"),
  find("people", "kim-gunn"),
  find("meetings", "dialogue-2021"),
  find("events", "full-dialogue-partner-1991"),     -- a source already numbered
  find("sources", "mofa-ministerial-2017"),         -- a source cites as itself
}
for _, r in ipairs(cited) do
  doc:paragraph("CITE " .. r.id .. " " .. doc:cite(r) .. ".")
  print(r.id .. "\t" .. rel.source(r).title)
end
doc:save()
