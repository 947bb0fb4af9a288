-- attack: doc:image of a PNG whose IHDR gives bit depth 3 (libpng would abort)
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/bad-depth.png" .
-- message: image:
-- message: bad-depth.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("bad-depth.png", { width = 100 })
doc:save()
