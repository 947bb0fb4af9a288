-- attack: memory the Lua allocator does not see: a paragraph of ten million words laid out under --max-memory 64, with --check
-- class: older classes
-- expect: 6
-- args: -o "$OUT/x.pdf" --check --timeout 20 --max-memory 64
-- message: stopped
-- within: 60
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "Many words" }
doc:paragraph(("word "):rep(10000000))
doc:save()
