local brief = require "brief"
local doc = brief.document{}
doc:paragraph("A face: 😀 no font has.")
doc:save()
