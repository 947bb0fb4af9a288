-- attack: a metatable whose own metatable's __index plants a looping __gc while setmetatable checks it
-- class: escapes
-- expect: 0 3
-- args: -o "$OUT/x.pdf" --timeout 5 --max-memory 256
-- forbid: stopped
-- forbid: crashed
-- within: 30

-- If setmetatable looks __gc up with an ordinary (non-raw) read, the __index
-- below plants a real __gc in mt just before the metatable is set: Lua then
-- registers the object for finalization, and the finalizer loops where no
-- count hook fires. Refusing (exit 3) or never running it (exit 0) are both
-- right; a run stopped by the time limit means the finalizer ran.
local planted = false
local mt = setmetatable({}, { __index = function(t, key)
  if key == "__gc" and not planted then
    planted = true
    rawset(t, "__gc", function() while true do end end)
  end
  return nil
end })
setmetatable({}, mt)
-- the object is garbage now: churn memory so the collector finalizes it
for i = 1, 200000 do local t = { i, tostring(i) } end
for i = 1, 200000 do local t = { i, tostring(i) } end
print(planted and "planted" or "not planted")
