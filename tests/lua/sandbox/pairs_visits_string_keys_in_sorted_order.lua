-- pairs() visits string keys in sorted order, the same in every run
-- (Lua's own order depends on the hash seed); prints the keys on one line.
-- Run from the repository root: ./brief tests/lua/sandbox/pairs_visits_string_keys_in_sorted_order.lua
local t = {}
for _, k in ipairs{'delta', 'alpha', 'echo', 'charlie', 'bravo', 'foxtrot', 'golf',
                   'hotel', 'india', 'juliet', 'kilo', 'lima'} do t[k] = #k end
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
print(table.concat(keys, ' '))
