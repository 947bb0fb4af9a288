-- A number written as text matches nothing: a warning says so.
-- exit: 0
-- stderr: where-number.lua:5: warning: where{year = "2024"}: no events record has year "2024"; the field holds numbers, so write the value without quotes
local rel = require "relations"
local doc = (require "brief").document{ title = #rel.events:where{ year = "2024" } .. " events" }
