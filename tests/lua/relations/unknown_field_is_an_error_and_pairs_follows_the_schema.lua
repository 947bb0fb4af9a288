-- Reading a field the record's collection does not have is an error naming
-- the nearest field (or all of them); an empty optional field is nil;
-- rel.field gives nil for a field the collection lacks; pairs() gives the
-- fields in the schema's order.
-- Run from the repository root: ./brief tests/lua/relations/unknown_field_is_an_error_and_pairs_follows_the_schema.lua
-- (it writes nothing; exit 0 when every check holds).
local rel = require 'relations'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end
local function fails(fn, want, what)
  local ok, err = pcall(fn)
  eq(ok, false, what .. ' raises')
  if not tostring(err):find(want, 1, true) then
    error(string.format('%s: got %s, want %s', what, tostring(err), want), 2)
  end
end

local e = rel.events:first{id = 'sectoral-dialogue-1989'}
fails(function() return e.titel end, "events record has no field 'titel' (did you mean 'title'?)",
      'misspelt field')
fails(function() return e.no_such_field end,
      "events record has no field 'no_such_field' (its fields: id, date, year, title, kind, " ..
      "place, summary, anniversary_of, meeting, source, inferred, note)", 'unknown field')
fails(function() return e[1] end, 'events record has no field 1: fields are read by name',
      'integer key')
fails(function() return rel.meetings[1].title end,
      "meetings record has no field 'title'", 'a field of another collection')
eq(e.place, nil, 'empty optional field')
eq(rel.field(e, 'no_such_field'), nil, 'rel.field of a field the collection lacks')
eq(rel.field(e, 'title'), e.title, 'rel.field of a field it has')
eq(rel.field({a = 1}, 'a'), 1, 'rel.field of a table')
local keys = {}
for k, v in pairs(e) do keys[#keys + 1] = k; eq(v, e[k], 'pairs value of ' .. k) end
eq(table.concat(keys, ' '), 'id date year title kind summary anniversary_of source note', 'order')
