-- attack: -o naming a symbolic link null.pdf, in the output folder, to /dev/null
-- class: loss and corruption
-- expect: 2 5
-- setup: ln -s /dev/null "$OUT/null.pdf"
-- args: -o "$OUT/null.pdf" --timeout 10 --max-memory 256
-- message: null.pdf
-- check: [ -c /dev/null ] && [ -L null.pdf ]

local brief = require "brief"
brief.document{ title = "Into the void" }:paragraph("never written")
