-- attack: doc:image of an existing file outside every allowed folder, through .. from the script's folder
-- class: escapes
-- expect: 3
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image("../outside/secret.txt")
doc:save()
