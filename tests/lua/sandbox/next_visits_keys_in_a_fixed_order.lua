-- next() walks the same fixed order as pairs, whatever the key types, and
-- keeps Lua's rules: clearing fields while walking is fine, an unknown key
-- is an error. Prints the order, then what next gives after clearing.
-- Run from the repository root: ./brief tests/lua/sandbox/next_visits_keys_in_a_fixed_order.lua
local t = {zeta = 1, alpha = 2, [3] = 'c', [1] = 'a', [2] = 'b', mid = 3,
           [2.5] = 'x', [true] = 't', [-7] = 'm'}
local out, k = {}, next(t)
while k ~= nil do out[#out + 1] = tostring(k); k = next(t, k) end
print(table.concat(out, ' '))
for key in pairs(t) do t[key] = nil end
print(next(t), pcall(next, {}, 'nope'))
