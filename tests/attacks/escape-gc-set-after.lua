-- attack: give a metatable its looping __gc only after setmetatable has checked and set it
-- class: escapes
-- expect: 0 3
-- args: -o "$OUT/x.pdf" --timeout 5 --max-memory 256
-- forbid: stopped
-- forbid: crashed
-- within: 30

local mt = {}
local victim = setmetatable({}, mt)
mt.__gc = function() while true do end end
local again = setmetatable({}, mt)          -- refused now that mt has __gc
victim, again = nil, nil
for i = 1, 200000 do local t = { i, tostring(i) } end
