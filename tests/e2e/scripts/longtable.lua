-- 20,000 rows: a routine size for a data appendix. The header repeats on
-- every page.
local brief = require "brief"
local doc = brief.document{ title = "Appendix" }
local rows = {}
for i = 1, 20000 do
  rows[i] = { string.format("row-%05d", i), i * 7 % 1000, "Seoul–Jakarta" }
end
doc:table{ columns = { "Reference", "Value", "Route" }, rows = rows }
doc:save()
