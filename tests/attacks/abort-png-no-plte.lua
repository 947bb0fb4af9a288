-- attack: doc:image of a palette PNG without a PLTE chunk (libpng would abort)
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/no-plte.png" .
-- message: image:
-- message: no-plte.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("no-plte.png", { width = 100 })
doc:save()
