-- A table split over pages: each page lists the records of its own rows,
-- as the text on the page shows them; the provenance file names every PDF
-- saved (here a second one, second.pdf, beside the output).
-- Run from the repository root, then read /tmp/prov/p.json:
--   ./brief tests/lua/provenance/a_table_split_over_pages_lists_each_row_on_its_page.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local doc = brief.document{ paper = 'A5' }
doc:table{ columns = { { title = 'Milestone', key = 'title' },
                       { title = 'Date', key = 'date', width = 60 } },
           rows = rel.events }
local path, pages = doc:save()
assert(pages >= 2, pages)
local second = brief.document{}
second:paragraph(rel.people:first{ id = 'kim-gunn' }.name)
second:save('second.pdf')
