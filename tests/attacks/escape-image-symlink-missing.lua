-- attack: doc:image of a symbolic link in the script's folder to a missing file outside (a dangling link)
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE/nothing-here.png" pic.png
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image("pic.png")
doc:save()
