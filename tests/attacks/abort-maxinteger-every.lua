-- attack: rel.anniversaries(2024, { every = math.maxinteger }), unprotected
-- class: aborts
-- expect: 0 3
-- forbid: crashed
-- forbid: stopped

local rel = require "relations"
local r = rel.anniversaries(2024, { every = math.maxinteger })
print(type(r), type(r) == "string" and r or #r)
