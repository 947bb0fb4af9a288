-- attack: doc:image of a valid PNG cut in the middle of its IDAT
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/truncated.png" .
-- message: image:
-- message: truncated.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("truncated.png", { width = 100 })
doc:save()
