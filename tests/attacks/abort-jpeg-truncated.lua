-- attack: doc:image of a JPEG cut inside its tables: no frame, no scan, no end
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/truncated.jpg" .
-- message: image:
-- message: truncated.jpg
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("truncated.jpg", { width = 100 })
doc:save()
