-- coll:where filters by field values (several fields at once, a list field
-- by whole members) or by a predicate; an empty query keeps everything.
-- Run from the repository root: ./brief tests/lua/relations/where_filters_by_fields_predicate_and_list_members.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local d = rel.meetings:where{kind = 'dialogue'}
local n = 0
for _, m in ipairs(rel.meetings) do if m.kind == 'dialogue' then n = n + 1 end end
assert(n >= 3, 'too few dialogues in the dataset')
eq(#d, n, '#where{kind = dialogue}')
for _, m in ipairs(d) do eq(m.kind, 'dialogue', m.id) end
local early = rel.events:where(function(e) return e.year < 1992 end)
n = 0
for _, e in ipairs(rel.events) do if e.year < 1992 then n = n + 1 end end
eq(#early, n, '#where(predicate)')
for _, e in ipairs(early) do assert(e.year < 1992, e.id) end
local kim = rel.meetings:where{co_chairs = 'Kim Gunn'}
eq(#kim, 1, '#where{co_chairs = Kim Gunn}')
eq(kim[1].id, 'dialogue-2020-24th', 'the meeting Kim Gunn co-chaired')
eq(kim[1].co_chairs[2], 'Kim Gunn', 'second co-chair')
eq(#kim[1].co_chairs, 2, '#co_chairs')
local teo = rel.meetings:where{co_chairs = 'Emaleen Abdul Rahman Teo'}
eq(#teo, 2, 'meetings Emaleen Teo co-chaired')
eq(#rel.meetings:where{co_chairs = 'Kim'}, 0, 'a list holds whole names')
eq(#rel.meetings:where{kind = 'dialogue', number = 24}, 1, 'two fields')
eq(#rel.meetings:where{}, #rel.meetings, 'empty query')
eq(#rel.events:where{kind = 'no such kind'}, 0, 'no match')
local ok, err = pcall(rel.events.where, rel.events, {no_such_field = 1})
eq(ok, false, 'an unknown field is an error')
assert(err:find("where: events record has no field 'no_such_field' (its fields: id, date,", 1,
                true), err)
ok, err = pcall(rel.events.where, rel.events, {titel = 'x'})
assert(err:find("where: events record has no field 'titel' (did you mean 'title'?)", 1, true), err)
ok, err = pcall(rel.events.first, rel.events, {knd = 'summit'})
assert(err:find("first: events record has no field 'knd' (did you mean 'kind'?)", 1, true), err)
ok, err = pcall(rel.events.sort, rel.events, '-yaer')
assert(err:find("sort: events record has no field 'yaer' (did you mean 'year'?)", 1, true), err)
-- a collection made by map holds other values: its fields are not checked
eq(#rel.events:map(function(e) return {y = e.year} end):where{z = 1}, 0, 'mapped')
