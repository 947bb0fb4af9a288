-- charts.lua -- for tests/e2e/run.sh: every kind of chart, a data table, a
-- Korean label, a missing value, and a cover page.
local brief = require "brief"
local doc = brief.document{ title = "Charts", subtitle = "Every kind",
                            template = { base = "default", title = { page = true } } }
doc:chart{ type = "bar", title = "Trade", unit = "US$ billion", data_table = true,
           labels = { "2003", "2010", "2017" }, series = { { name = "Trade", values = { 38.7, nil, 149 } } } }
doc:chart{ type = "bar", horizontal = true, title = "Members", labels = { "Viet Nam", "인도네시아" },
           series = { { name = "2023", values = { 79.4, 18.7 } } } }
doc:chart{ type = "bar", stacked = true, title = "Mix", labels = { "A", "B" },
           series = { { name = "Goods", values = { 100, 90 } }, { name = "Services", values = { 20, 15 } } } }
doc:chart{ type = "line", title = "Lines", labels = { "1", "2", "3" },
           series = { { name = "P", values = { 1, nil, 3 } }, { name = "Q", values = { 2, 3, 4 } } } }
