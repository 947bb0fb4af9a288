-- attack: rel.anniversaries(math.maxinteger), unprotected
-- class: aborts
-- expect: 0 3
-- forbid: crashed
-- forbid: stopped

local rel = require "relations"
local r = rel.anniversaries(math.maxinteger)
print(type(r), type(r) == "string" and r or #r)
