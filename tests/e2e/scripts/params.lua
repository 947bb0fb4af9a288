local brief = require "brief"
local doc = brief.document{ title = "Params" }
doc:paragraph(brief.format("who={who} n={n}", { who = brief.params.who, n = brief.params.n or "-" }))
