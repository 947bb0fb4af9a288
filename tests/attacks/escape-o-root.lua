-- attack: -o /x.pdf, a PDF in the root folder
-- class: escapes
-- expect: 2
-- setup: [ ! -e /x.pdf ]
-- args: -o /x.pdf --timeout 10 --max-memory 256
-- message: /x.pdf
-- check: [ ! -e /x.pdf ] || { rm -f /x.pdf; echo "/x.pdf was created"; false; }

local brief = require "brief"
brief.document{ title = "At the root" }:paragraph("never written")
