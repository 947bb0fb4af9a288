-- attack: with x.pdf already there, save it again, then exhaust the memory limit: x.pdf stays as it was
-- class: loss and corruption
-- expect: 6
-- setup: printf 'the good PDF of yesterday\n' >"$OUT/x.pdf"
-- args: -o "$OUT/x.pdf" --timeout 20 --max-memory 64
-- message: memory limit
-- within: 60

local brief = require "brief"
local doc = brief.document{ title = "Saved, then out of memory" }
doc:paragraph("A new version that must not replace the old one.")
doc:save()
local t = {}
for i = 1, math.huge do t[i] = ("x"):rep(1000) .. i end
