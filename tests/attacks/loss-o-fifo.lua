-- attack: -o naming a FIFO: brief must refuse it (not block on it, not replace it)
-- class: loss and corruption
-- expect: 5
-- setup: mkfifo "$OUT/f.pdf"
-- args: -o "$OUT/f.pdf" --timeout 10 --max-memory 256
-- message: f.pdf
-- message: not a regular file
-- check: [ -p f.pdf ]
-- within: 20

local brief = require "brief"
brief.document{ title = "Into a pipe" }:paragraph("never written")
