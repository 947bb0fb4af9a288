-- attack: rel.events:between(math.maxinteger, math.mininteger), unprotected
-- class: aborts
-- expect: 0 3
-- forbid: crashed
-- forbid: stopped

local rel = require "relations"
local r = rel.events:between(math.maxinteger, math.mininteger)
print(type(r), type(r) == "string" and r or #r)
