-- attack: doc:image of /proc/self/environ (the worker's environment)
-- class: escapes
-- expect: 3
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image("/proc/self/environ")
doc:save()
