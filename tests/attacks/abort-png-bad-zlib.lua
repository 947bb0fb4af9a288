-- attack: doc:image of a PNG with a valid header whose IDAT is not a zlib stream (libpng would abort)
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/bad-zlib.png" .
-- message: image:
-- message: bad-zlib.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("bad-zlib.png", { width = 100 })
doc:save()
