-- attack: brief batch --summary naming a FIFO: refused promptly, and the FIFO stays a FIFO
-- class: loss and corruption
-- expect: 5
-- setup: mkfifo "$OUT/s.json"
-- run: "$BRIEF" batch -j 1 --summary "$OUT/s.json" "$SCRIPT"
-- message: s.json
-- check: [ -p s.json ]
-- within: 20

local brief = require "brief"
brief.document{ title = "A summary into a pipe" }:paragraph("never written")
