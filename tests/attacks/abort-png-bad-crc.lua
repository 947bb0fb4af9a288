-- attack: doc:image of a PNG whose IDAT checksum is wrong (libpng would abort)
-- class: aborts
-- expect: 3
-- setup: cp "$FILES/bad-crc.png" .
-- message: image:
-- message: bad-crc.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "A broken image" }
doc:paragraph("The image below must be refused where it is given.")
doc:image("bad-crc.png", { width = 100 })
doc:save()
