-- A briefing with every kind of block, pairs() and math.random in it, and
-- os.date under SOURCE_DATE_EPOCH: two runs give byte-identical PDFs.
-- Run from the repository root twice, and compare:
--   SOURCE_DATE_EPOCH=1717200000 ./brief tests/lua/host/the_same_script_gives_byte_identical_pdfs.lua -o /tmp/a.pdf
--   SOURCE_DATE_EPOCH=1717200000 ./brief tests/lua/host/the_same_script_gives_byte_identical_pdfs.lua -o /tmp/b.pdf
--   cmp /tmp/a.pdf /tmp/b.pdf
local rel = require 'relations'
local brief = require 'brief'
local doc = brief.document{title = 'Same every time', author = 'test_host',
                           date = os.date('!%Y-%m-%d')}
doc:contents()
doc:heading('Text')
doc:paragraph('ASEAN’s “partners” – 35 years… and 한국–아세안 대화 관계, **bold**.')
local t = {zulu = 1, alpha = 2, mike = 3, kilo = 4}
local items = {}
for k, v in pairs(t) do items[#items + 1] = k .. ' ' .. v .. ' ' .. math.random(100) end
doc:list(items)
doc:heading('Data')
local rows = {}
for _, e in ipairs(rel.events:between(1989, 2004)) do rows[#rows + 1] = {e.date, e.title} end
doc:table{columns = {'Date', 'Milestone'}, rows = rows}
doc:chart{type = 'bar', labels = {'2003', '2017'},
          series = {{name = 'Trade', values = {38.7, 149}}}}
doc:timeline(rel.events:between(1989, 1991), {title = 'Early years'})
doc:sources()
doc:save()
