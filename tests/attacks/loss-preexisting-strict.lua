-- attack: with x.pdf already there, save a document whose layout warns, under --strict: x.pdf stays as it was
-- class: loss and corruption
-- expect: 7
-- setup: printf 'the good PDF of yesterday\n' >"$OUT/x.pdf"
-- args: -o "$OUT/x.pdf" --strict --timeout 10 --max-memory 256
-- message: --strict

local brief = require "brief"
local doc = brief.document{ title = "A warning" }
doc:paragraph("An emoji no font has: \u{1F642}")
doc:save()
