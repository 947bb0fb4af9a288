local brief = require "brief"
local doc = brief.document{}
doc:paragraph("bad \xff byte")
