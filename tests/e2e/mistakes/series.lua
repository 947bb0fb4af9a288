-- exit: 3
-- stderr: series.lua:4: chart: 'series' must be a list of series: wrap the one series in braces
local doc = (require "brief").document{ title = "x" }
doc:chart{ labels = { "2022", "2023" }, series = { name = "Trade", values = { 1, 2 } } }
