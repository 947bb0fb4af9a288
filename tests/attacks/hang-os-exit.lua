-- attack: os.exit(0) after a save, to end the run as a success on the script's own terms
-- class: hangs and unclear stops
-- expect: 3
-- message: hang-os-exit.lua:11:
-- message: os.exit

local brief = require "brief"
local doc = brief.document{ title = "Exit" }
doc:paragraph("Saved, then exited.")
doc:save()
os.exit(0, true)
