-- attack: -o a 5000-byte path
-- class: hangs and unclear stops
-- expect: 2
-- args: -o "$OUT/$(head -c 4950 /dev/zero | tr '\0' a).pdf" --timeout 10 --max-memory 256
-- message: brief:

local brief = require "brief"
brief.document{ title = "A long name" }:paragraph("never written")
