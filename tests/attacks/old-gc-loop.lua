-- attack: a __gc finalizer that loops, given by setmetatable
-- class: older classes
-- expect: 3
-- message: __gc metamethods are not allowed
-- forbid: crashed

setmetatable({}, { __gc = function() while true do end end })
for i = 1, 200000 do local t = {} end
