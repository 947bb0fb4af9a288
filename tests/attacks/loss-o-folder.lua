-- attack: -o naming an existing folder d.pdf that holds a file
-- class: loss and corruption
-- expect: 5
-- setup: mkdir "$OUT/d.pdf"; echo keep >"$OUT/d.pdf/keep.txt"
-- args: -o "$OUT/d.pdf" --timeout 10 --max-memory 256
-- message: d.pdf
-- check: [ -d d.pdf ] && [ "$(cat d.pdf/keep.txt)" = keep ]

local brief = require "brief"
brief.document{ title = "Over a folder" }:paragraph("never written")
