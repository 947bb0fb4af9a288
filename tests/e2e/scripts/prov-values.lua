-- prov-values.lua -- for tests/e2e/provenance.sh: prints the texts by which
-- a record can be recognised on a page, one per line,
--   KIND <tab> collection:id <tab> text
-- written as the shipped templates write them (en dashes, dates in words).
-- KIND "name": a text that names the record (a title, a name), checked both
-- ways: a page that shows it must list a record that has it. KIND "value":
-- any other text it may show (a date, a place, a number): a page that lists
-- the record must show one of its texts, names included.
local rel = require "relations"
local text = require("default").text

local function out(kind, coll, r, s)
  if s ~= nil and tostring(s) ~= "" then
    print(kind .. "\t" .. coll .. ":" .. r.id .. "\t" .. tostring(s))
  end
end

local function dates(coll, r, iso)
  if iso then
    out("value", coll, r, iso)
    out("value", coll, r, text.date(iso))
    out("value", coll, r, text.date(iso, true))
  end
  if r.year then out("value", coll, r, r.year) end
end

local function prose(s) return text.span(text.dash(s)) end

-- every record's note, as the templates print it
local function notes(coll)
  for _, r in ipairs(rel[coll]) do
    out("value", coll, r, r.note and text.note(r.note))
  end
end

for _, e in ipairs(rel.events) do
  out("name", "events", e, prose(e.title))
  out("value", "events", e, e.title)
  out("value", "events", e, e.place)
  out("value", "events", e, e.summary and text.span(e.summary))
  out("value", "events", e, e.anniversary_of and text.dash(e.anniversary_of))
  dates("events", e, e.date)
end
for _, m in ipairs(rel.meetings) do
  out("name", "meetings", m, text.dash(m.name))
  out("value", "meetings", m, m.name)
  out("value", "meetings", m, m.place)
  out("value", "meetings", m, m.summary and text.span(m.summary))
  for _, t in ipairs(m.topics) do out("value", "meetings", m, text.span(t)) end
  dates("meetings", m, m.date)
end
for _, m in ipairs(rel.members) do
  out("value", "members", m, m.name)       -- a country's name is inside other values
  dates("members", m, m.joined)
end
for _, i in ipairs(rel.initiatives) do
  out("name", "initiatives", i, prose(i.name))
  out("value", "initiatives", i, i.name)
  out("value", "initiatives", i, i.short)
  out("value", "initiatives", i, i.year)
  out("value", "initiatives", i, i.summary and text.span(i.summary))
  for _, c in ipairs(i.components) do out("value", "initiatives", i, c) end
end
for _, f in ipairs(rel.figures) do
  out("value", "figures", f, text.value(f))
  out("value", "figures", f, text.number(f.value))
  out("value", "figures", f, prose(f.metric))
  out("value", "figures", f, text.years(f))
end
for _, s in ipairs(rel.statements) do
  out("value", "statements", s, text.span(s.text))
  out("value", "statements", s, text.dash(s.by))
  out("value", "statements", s, s.topic)
  dates("statements", s, s.date)
end
for _, m in ipairs(rel.mechanisms) do
  out("name", "mechanisms", m, text.dash(m.name))
  out("value", "mechanisms", m, m.short)
end
for _, p in ipairs(rel.people) do
  out("value", "people", p, p.name)
  out("value", "people", p, p.role)
end
for _, coll in ipairs{ "events", "meetings", "statements", "members", "initiatives", "figures",
                       "mechanisms", "people" } do
  notes(coll)
end
for _, s in ipairs(rel.sources) do
  out("name", "sources", s, s.title)
  dates("sources", s, s.date)
end
