-- attack: doc:image of a JPEG whose SOF claims 65535x65535 and that has no scan data (a corrupt PDF if embedded as is)
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/huge-sof.jpg" .
-- message: image:
-- message: huge-sof.jpg
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("huge-sof.jpg", { width = 100 })
doc:save()
