-- attack: doc:image of a symbolic link in the script's folder to an existing file outside
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE/secret.txt" pic.png
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image("pic.png")
doc:save()
