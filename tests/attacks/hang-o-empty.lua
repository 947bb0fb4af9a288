-- attack: -o "" (an empty output path)
-- class: hangs and unclear stops
-- expect: 2
-- args: -o "" --timeout 10 --max-memory 256
-- message: brief:

local brief = require "brief"
brief.document{ title = "Nowhere" }:paragraph("never written")
