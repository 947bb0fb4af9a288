-- Values the script read but showed none of reach no page, and the list of
-- sources is empty: page 1 lists no records.
-- Run from the repository root, then read /tmp/prov/p.json:
--   ./brief tests/lua/provenance/values_read_but_not_shown_reach_no_page.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local doc = brief.document{ title = 'Nothing from the data' }
for _, e in ipairs(rel.events) do local _ = e.title .. e.date end
doc:paragraph('Static text only.')
doc:sources()
