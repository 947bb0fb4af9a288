-- attack: rel.anniversaries(math.mininteger, { every = math.mininteger }), unprotected
-- class: aborts
-- expect: 0 3
-- forbid: crashed
-- forbid: stopped

local rel = require "relations"
local r = rel.anniversaries(math.mininteger, { every = math.mininteger })
print(type(r), type(r) == "string" and r or #r)
