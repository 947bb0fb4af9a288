-- attack: doc:image of /etc/nothing-here.png, a missing system file
-- class: escapes
-- expect: 3
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image("/etc/nothing-here.png")
doc:save()
