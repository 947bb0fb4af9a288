-- attack: a three-page document with --max-pages 2 and --check
-- class: hangs and unclear stops
-- expect: 6
-- args: -o "$OUT/x.pdf" --check --max-pages 2 --timeout 10 --max-memory 256
-- message: --max-pages

local brief = require "brief"
local doc = brief.document{ title = "Three pages" }
doc:paragraph("Page one.")
doc:page_break()
doc:paragraph("Page two.")
doc:page_break()
doc:paragraph("Page three.")
doc:save()
