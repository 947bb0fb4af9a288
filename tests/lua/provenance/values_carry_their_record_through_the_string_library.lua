-- A value read long before the block carries its record through the
-- string library: a date set in words (page 1), a title with its dashes
-- changed (page 2), a figure in a sentence and a list joined (page 3). The
-- same year out of os.date, in the document's date, carries nothing.
-- Run from the repository root, then read /tmp/prov/p.json:
--   SOURCE_DATE_EPOCH=1717200000 ./brief tests/lua/provenance/values_carry_their_record_through_the_string_library.lua \
--       -o /tmp/prov/out.pdf --provenance /tmp/prov/p.json
local rel = require 'relations'
local brief = require 'brief'
local MONTHS = {'January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'}
local function date(iso)
  local y, m, d = iso:match('^(%d%d%d%d)%-(%d%d)%-(%d%d)$')
  return string.format('%d %s %s', tonumber(d), MONTHS[tonumber(m)], y)
end
local e = rel.events:first{ id = 'joint-declaration-2004' }
local when = date(e.date)
local s = rel.events:first{ id = 'strategic-partnership-2010' }
local title = s.title:gsub('ASEAN%-ROK', 'ASEAN–ROK')
local m = rel.meetings:first{ id = 'dialogue-2020-24th' }
local chairs = table.concat({ m.co_chairs[1], m.co_chairs[2] }, ' and ')
local doc = brief.document{ date = date(os.date('!%Y-%m-%d')) }
doc:heading('Nothing here')
doc:paragraph('Adopted on ' .. when .. '.')
doc:page_break()
doc:paragraph(title:upper() .. ', and ' .. title .. '.')
doc:page_break()
local f = rel.figures:first{ id = 'trade-2017' }
doc:paragraph(string.format('Trade reached US$%g billion; co-chairs: %s.', f.value, chairs))
