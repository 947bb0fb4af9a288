-- attack: doc:image of a missing file beneath a symbolic link in the script's folder to a folder outside
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE" pics
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image("pics/nothing-here.png")
doc:save()
