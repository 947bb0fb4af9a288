-- attack: doc:image of a PNG whose IHDR claims 65535x65535 with 8x8 pixels of data
-- class: aborts
-- expect: 3 6
-- setup: cp "$FILES/huge-dims.png" .
-- message: image:
-- message: huge-dims.png
-- forbid: crashed

-- exit 6 is right too: an image over --max-image-pixels is a limit stop

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("huge-dims.png", { width = 100 })
doc:save()
