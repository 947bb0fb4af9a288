-- attack: string.rep("", 1 << 62): an empty result made by a C loop of 2^62 steps where no count hook fires
-- class: older classes
-- expect: 0 3 6
-- args: -o "$OUT/x.pdf" --timeout 3 --max-memory 256
-- within: 30
-- forbid: crashed

local s = string.rep("", 1 << 62)
local t = string.rep("", math.maxinteger, "")
print(#s, #t)
