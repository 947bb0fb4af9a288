-- attack: -o /dev/null: brief must refuse to replace a device with a PDF
-- class: loss and corruption
-- expect: 5
-- args: -o /dev/null --timeout 10 --max-memory 256
-- message: /dev/null
-- check: [ -c /dev/null ]

local brief = require "brief"
brief.document{ title = "Into the void" }:paragraph("never written")
