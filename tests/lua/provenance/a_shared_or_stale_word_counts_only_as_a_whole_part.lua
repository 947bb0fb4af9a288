-- A name or title counts wherever the script uses it (pages 1 and 2); a
-- single word read long before (a member's name, read before a block
-- credited with other records) does not, and neither does a word many
-- records share (a kind), except as a whole cell (page 3).
-- Run from the repository root, then read /tmp/prov/p.json:
--   ./brief tests/lua/provenance/a_shared_or_stale_word_counts_only_as_a_whole_part.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local doc = brief.document{}
local kh = rel.members:first{ id = 'cambodia' }.name
local e = rel.events:first{ id = 'sectoral-dialogue-1989' }
local kind, title = e.kind, e.title
doc:paragraph(title)
doc:page_break()
doc:paragraph('A ' .. kind .. ' with ' .. kh .. ', as ' .. title .. ' showed.')
doc:page_break()
doc:table{ columns = { 'Kind' }, rows = { { kind } } }
