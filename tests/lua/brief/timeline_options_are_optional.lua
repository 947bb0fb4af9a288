-- doc:timeline takes a collection of events, or a table of entries of the
-- script's own, with no options table.
-- Run from the repository root: ./brief tests/lua/brief/timeline_options_are_optional.lua -o /tmp/timeline.pdf
local rel = require 'relations'
local doc = require('brief').document{}
doc:timeline(rel.events:between(1989, 1991))
doc:timeline({{date = '2024-04-04', label = 'a table of my own'}})
doc:save()
