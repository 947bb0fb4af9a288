-- A field a record does not have reads as nil (an unknown name, an integer
-- key, an empty optional field); pairs() gives the fields in the schema's
-- order.
-- Run from the repository root: ./brief tests/lua/relations/unknown_field_is_nil_and_pairs_follows_the_schema.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local e = rel.events:first{id = 'sectoral-dialogue-1989'}
eq(e.no_such_field, nil, 'unknown field')
eq(e[1], nil, 'integer key')
eq(e.place, nil, 'empty optional field')
local keys = {}
for k, v in pairs(e) do keys[#keys + 1] = k; eq(v, e[k], 'pairs value of ' .. k) end
eq(table.concat(keys, ' '), 'id date year title kind summary anniversary_of source note', 'order')
