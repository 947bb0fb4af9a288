-- attack: escape the instruction limit in a coroutine.wrap loop whose error pcall catches
-- class: older classes
-- expect: 6
-- message: instruction limit
-- args: -o "$OUT/x.pdf" --timeout 10 --max-memory 256 --max-instructions 100000
-- within: 30
-- forbid: crashed

local co = coroutine.wrap(function() while true do end end)
print(pcall(co))
while true do pcall(coroutine.wrap(function() while true do end end)) end
