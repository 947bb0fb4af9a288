-- flow40.lua -- page flow: about 40 pages of headings (levels 1 to 3), each
-- followed by paragraphs, lists or tables of lengths that vary, so that
-- headings and table header rows fall near the foot of many pages.
--
-- Nothing is random: what follows each heading, and how long it is, comes
-- from the digits of pi (a fixed sequence) and the dataset in file order.
--
--   ./brief tests/typeset/flow40.lua -o /tmp/m/f.pdf
--   tests/typeset/measure.sh flow /tmp/m/f.pdf
local rel = require "relations"
local brief = require "brief"

local PI = "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679"
local function digit(i) local k = (i - 1) % #PI + 1; return tonumber(PI:sub(k, k)) end

-- every sentence of the dataset, in file order: summaries and notes-free titles
local pool = {}
for _, coll in ipairs { rel.events, rel.meetings, rel.initiatives } do
  for _, r in ipairs(coll) do
    if r.summary then pool[#pool + 1] = r.summary end
  end
end
for _, e in ipairs(rel.events) do pool[#pool + 1] = e.title .. "." end
local at = 0
local function sentences(n)
  local out = {}
  for i = 1, n do at = at % #pool + 1; out[i] = pool[at] end
  return table.concat(out, " ")
end

-- rows and items, each taken in turn from its collection
local cursor = {}
local function take(coll, name, n)
  local out = {}
  for i = 1, n do
    cursor[name] = (cursor[name] or 0) % #coll + 1
    out[i] = coll[cursor[name]]
  end
  return out
end

local tables = {
  function(n)   -- short rows: one line each
    local rows = {}
    for i, e in ipairs(take(rel.events, "events", n)) do rows[i] = { e.year, e.title, e.place or e.kind } end
    return { columns = { { title = "Year", width = 40 }, "Milestone", { title = "Where", width = 100 } },
             rows = rows }
  end,
  function(n)   -- rows of two to five lines
    local rows = {}
    for i, m in ipairs(take(rel.meetings, "meetings", n)) do
      rows[i] = { m.date, m.name, m.summary or "Not stated." }
    end
    return { columns = { { title = "Date", width = 62 }, { title = "Meeting", width = 130 },
                         { title = "Outcome", align = "justify" } },
             rows = rows, caption = "Meetings, in the order of the dataset" }
  end,
  function(n)   -- rows of four to twelve lines: a 180 pt column and lists
    local rows = {}
    for i, r in ipairs(take(rel.initiatives, "initiatives", n)) do
      rows[i] = { r.name, r.period or tostring(r.year), r.summary or "",
                  #r.components > 0 and table.concat(r.components, "; ") or r.kind }
    end
    return { columns = { { title = "Initiative", width = 100 }, { title = "Period", width = 60 },
                         { title = "What it is for", width = 180, align = "justify" },
                         { title = "Components" } },
             rows = rows }
  end,
}

local function list_items(n)
  local items = {}
  for i, e in ipairs(take(rel.events, "list", n)) do
    items[i] = e.summary and (e.title .. ": " .. e.summary) or e.title
  end
  return items
end

local doc = brief.document{ title = "Typeset quality: page flow" }
doc:paragraph(sentences(3))

local STEPS = 94
local prev = 1
for s = 1, STEPS do
  local d, e = digit(s), digit(s + 50)
  -- a level 1 every eighth heading; a level 3 only below a level 2
  local level = (s % 8 == 1) and 1 or ((d % 3 == 0 and prev ~= 1) and 3 or 2)
  prev = level
  doc:heading(string.format("%s %d", (rel.events[(s - 1) % #rel.events + 1].title):gsub("%.$", ""), s), level)
  local kind = (d + e) % 6
  if kind == 0 then
    doc:paragraph(sentences(d + 1))
    doc:paragraph(sentences(e % 4 + 1))
  elseif kind == 1 then
    doc:paragraph(sentences(e % 3 + 1))
    doc:list(list_items(d % 6 + 2), { ordered = e % 2 == 1 })
  elseif kind == 2 then
    doc:table(tables[d % 3 + 1](d + e % 4 + 2))
  elseif kind == 3 then
    doc:paragraph(sentences(1))
    doc:table(tables[e % 3 + 1](e % 5 + 2))
    doc:paragraph(sentences(d % 3 + 1))
  elseif kind == 4 then
    doc:list(list_items(e % 4 + 2))
    doc:paragraph(sentences(d % 5 + 2))
  else   -- a table of tall rows straight after the heading
    doc:table(tables[d % 2 + 2](e % 6 + 2))
    doc:paragraph(sentences(e % 2 + 1))
  end
end
