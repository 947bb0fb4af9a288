-- A template section's options are checked as brief's own are.
-- exit: 3
-- stderr: section-option.lua:6: trade_chart: unknown option 'titel' (did you mean 'title'?)
local rel = require "relations"
local doc = (require "brief").document{ title = "x", template = "briefing" }
doc:trade_chart(rel.figures:where{ metric = "ASEAN-ROK trade" }, { titel = "Trade" })
