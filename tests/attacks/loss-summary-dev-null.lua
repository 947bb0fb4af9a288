-- attack: brief batch --summary /dev/null: refused, and /dev/null stays a device
-- class: loss and corruption
-- expect: 5
-- run: "$BRIEF" batch -j 1 --summary /dev/null "$SCRIPT"
-- message: /dev/null
-- check: [ -c /dev/null ]

local brief = require "brief"
brief.document{ title = "A summary into the void" }:paragraph("never written")
