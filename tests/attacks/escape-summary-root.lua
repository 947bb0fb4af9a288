-- attack: brief batch --summary /s.json, a summary in the root folder
-- class: escapes
-- expect: 2
-- setup: [ ! -e /s.json ]
-- run: "$BRIEF" batch -j 1 --summary /s.json "$SCRIPT"
-- message: /s.json
-- check: [ ! -e /s.json ] || { rm -f /s.json; echo "/s.json was created"; false; }

local brief = require "brief"
brief.document{ title = "Summary at the root" }:paragraph("never written")
