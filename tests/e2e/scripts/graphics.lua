-- Chart, timeline, image, list and sources: each renders.
local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Graphics" }
doc:chart{ type = "bar", title = "Bilateral trade", unit = "US$ billion",
  labels = { "2003", "2017" }, series = { { name = "Trade", values = { 38.7, 149 } } } }
doc:chart{ type = "line", title = "Two series", labels = { "a", "b", "c" },
  series = { { name = "one", values = { 1, 3, 2 } }, { name = "two", values = { 2, nil, 4 } } } }
doc:timeline(rel.events:between(1989, 1991), { title = "Early years" })
doc:image("test.png", { width = 120, caption = "A test image" })
doc:list({ "first item", { "nested item" }, "second item" }, { ordered = true })
doc:heading("Sources")
doc:sources()
doc:save()
