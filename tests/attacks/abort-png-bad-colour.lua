-- attack: doc:image of a PNG whose IHDR gives colour type 5 (libpng would abort)
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/bad-colour.png" .
-- message: image:
-- message: bad-colour.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("bad-colour.png", { width = 100 })
doc:save()
