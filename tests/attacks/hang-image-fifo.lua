-- attack: doc:image of a FIFO in the script's folder: brief must not block opening or reading it
-- class: hangs and unclear stops
-- expect: 3
-- setup: mkfifo pic.png
-- message: hang-image-fifo.lua:11: image:
-- message: not a regular file
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "A pipe for a picture" }
doc:image("pic.png")
