local brief = require "brief"
local doc = brief.document{}
doc:table{ columns = { { title = "A" }, { title = "B", width = -1 } }, rows = {} }
