-- brief.format fills {name} and {path.to.field} from a table (a record's
-- fields too); {{ and }} stand for braces; no table, no placeholders.
-- Run from the repository root: ./brief tests/lua/brief/format_fills_names_paths_and_braces.lua
-- (it writes nothing; exit 0 when every check holds).
local brief = require 'brief'
local function eq(got, want, what)
  if got ~= want then
    error(string.format('%s: got %s, want %s', what, tostring(got), tostring(want)), 2)
  end
end

local rel = require 'relations'
local vars = {name = 'ASEAN', n = 35, since = {year = 1989},
              e = rel.events:first{id = 'sectoral-dialogue-1989'}}
eq(brief.format('{name} marks the {n}th', vars), 'ASEAN marks the 35th', 'names')
eq(brief.format('since {since.year}', vars), 'since 1989', 'a path')
eq(brief.format('{e.kind}, {e.year}', vars), 'partnership, 1989', 'a record')
eq(brief.format('{{name}} is {name}', vars), '{name} is ASEAN', 'braces')
eq(brief.format('{{}}', vars), '{}', 'empty braces')
eq(brief.format('no placeholders'), 'no placeholders', 'no vars')
