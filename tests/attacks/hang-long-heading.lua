-- attack: a heading longer than 65,535 bytes (a PDF string libharu cannot write), with --check
-- class: hangs and unclear stops
-- expect: 6
-- args: -o "$OUT/x.pdf" --check --timeout 20 --max-memory 256
-- message: 65535
-- within: 60

local brief = require "brief"
local long = ("Long heading "):rep(6000)        -- 66,000 bytes and more
local doc = brief.document{ title = "Long" }
doc:paragraph("Some text.")
doc:heading(long)
doc:save()
