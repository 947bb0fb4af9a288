-- attack: a link URL longer than 65,535 bytes: refused naming the limit, or written into a valid PDF
-- class: hangs and unclear stops
-- expect: 0 6
-- args: -o "$OUT/x.pdf" --timeout 20 --max-memory 256
-- writes: x.pdf?
-- check: [ -f x.pdf ] || grep -q 65535 "$ERR"
-- within: 60

local brief = require "brief"
local long = ("Long link "):rep(6000)        -- 66,000 bytes and more
local doc = brief.document{ title = "Long" }
doc:paragraph("Some text.")
doc:paragraph{ { text = "a link", link = "https://example.org/" .. long } }
doc:save()
