-- attack: a metamethod recursion: an __index chain to itself, and an __index function that indexes its own table
-- class: older classes
-- expect: 3
-- message: chain too long
-- forbid: crashed

local t = {}
setmetatable(t, { __index = t })
local u = setmetatable({}, {})
getmetatable(u).__index = function(self, k) return self[k] end
print(pcall(function() return u.x end))
print(t.x)
