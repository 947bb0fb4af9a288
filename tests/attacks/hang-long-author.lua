-- attack: a author longer than 65,535 bytes (a PDF string libharu cannot write), with --check
-- class: hangs and unclear stops
-- expect: 6
-- args: -o "$OUT/x.pdf" --check --timeout 20 --max-memory 256
-- message: 65535
-- within: 60

local brief = require "brief"
local long = ("Long author "):rep(6000)        -- 66,000 bytes and more
local doc = brief.document{ title = "Long", author = long }
doc:paragraph("Some text.")

doc:save()
