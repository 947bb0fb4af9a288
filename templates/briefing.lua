-- briefing.lua -- a ministerial briefing: clean sans text set ragged right,
-- numbered sections, a running head naming the briefing and the date, and
-- ready-made sections for the overview and dialogue scripts.
--
--   local doc = brief.document{ title = ..., template = "briefing" }
--   doc:key_points{ "...", "..." }
--   doc:milestones(rel.events, { title = "..." })
--   doc:facts{ { "Date", "4 April 2024" }, { "Format", "videoconference" } }
--   doc:figures_table(rel.figures, "caption")
--   doc:meeting(record)
--   doc:members(rel.members)
--   doc:initiatives(rel.initiatives)
--   doc:sources_section()
local brief = require "brief"
local rel = require "relations"
local default = require "default"
local text = default.text

local briefing = setmetatable({
  base = "default",
  margins = { top = 68, bottom = 66, left = 68, right = 68 },
  body = { font = "sans", size = 10, leading = 14.5, space = 7, align = "justify",
           color = "#1c1f24" },
  headings = { font = "sans", sizes = { 14, 11.5, 10.5 }, color = "#12355b", numbered = true },
  title = { font = "sans", size = 21, subtitle_size = 12, color = "#12355b" },
  table = { size = 8.8, leading = 11.5, header_fill = "#12355b", header_text = "#ffffff",
            stripe = "#eef2f7", rule = "#b9c2cf" },
  accent = "#12355b",
  muted = "#5d6673",
  header = { left = "{section}", right = "{date}", size = 8, color = "#5d6673", rule = true },
  footer = { left = "Briefing \u{00B7} ASEAN\u{2013}ROK relations", center = "",
             right = "Page {page} of {pages}", size = 8, color = "#5d6673" },
}, { __index = default })

--- doc:key_points(points): the opening summary, a heading and a short list.
function briefing.key_points(doc, points, title)
  doc:heading(title or text.words(doc).key_points)
  doc:list(points)
  return doc
end

--- doc:facts(rows [, opts]): a two-column table of labelled facts; rows are
--- { label, value } pairs (a nil value prints as "Not stated"). opts.caption;
--- opts.columns = { "Fact", "As the source records it" }: the column titles.
function briefing.facts(doc, rows, opts)
  if type(opts) ~= "table" then opts = { caption = opts } end
  brief.check_options(opts, "facts", { "caption", "columns", "not_stated" })
  local titles = opts.columns or { "Fact", "As the source records it" }
  local out = {}
  for i, r in ipairs(rows) do
    out[i] = { "**" .. r[1] .. "**", r[2] == nil and "*" .. (opts.not_stated or
                                                             "Not stated in the source") .. "*" or r[2] }
  end
  doc:table{ columns = { { title = titles[1], width = 120 }, { title = titles[2] } },
             rows = out, caption = opts.caption }
  return doc
end

--- doc:milestones(events [, opts]): a timeline of dated records, each with
--- its date (written by the engine at the precision it has) and its place
--- when the title does not already name it.
--- opts.title: the timeline's title.
function briefing.milestones(doc, events, opts)
  opts = brief.check_options(opts, "milestones", { "title" }) or {}
  local entries = {}
  for _, e in ipairs(events) do
    local label = text.span(text.dash(rel.field(e, "title") or rel.field(e, "name")))
    local place = rel.field(e, "place")
    if place and not label:find(place, 1, true) then
      label = label .. " *(" .. place .. ")*"
    end
    entries[#entries + 1] = { date = e.date, title = label }
  end
  doc:timeline(entries, { title = opts.title })
  return doc
end

--- doc:figures_table(figures [, caption]): figures with the year(s) they
--- cover and their value in its unit ("US$38.7 billion", "about 10%").
function briefing.figures_table(doc, figures, caption)
  local rows = {}
  for _, f in ipairs(figures) do
    rows[#rows + 1] = { text.dash(f.metric), text.years(f), text.value(f) }
  end
  doc:table{
    columns = { { title = "Figure" }, { title = "Year(s)", width = 70 },
                { title = "Value and unit", width = 105 } },
    rows = rows, caption = caption }
  return doc
end

--- Plain functions, kept apart so they do not become document methods.
briefing.helpers = {}

--- The co-chairs of a meeting as "Name (role)" strings; an empty list when the
--- source names none.
function briefing.helpers.co_chairs_of(m)
  local out = {}
  for i, id in ipairs(m.co_chair_ids or {}) do
    local p = rel.people:first{ id = id }
    out[i] = p and brief.format("{name} ({role})", p) or m.co_chairs[i]
  end
  return out
end

--- doc:trade_chart(figures [, opts]): a bar chart of figures of one metric
--- (rel.figures records, in year order), one bar per year, each saying its
--- value; opts.title (default: the metric), opts.data_table.
function briefing.trade_chart(doc, figures, opts)
  opts = brief.check_options(opts, "trade_chart", { "title", "data_table" }) or {}
  if #figures == 0 then return doc end
  local labels, values = {}, {}
  for i, f in ipairs(figures) do labels[i], values[i] = f.year, f.value end
  doc:chart{ type = "bar", title = opts.title or text.dash(figures[1].metric),
             unit = figures[1].unit, labels = labels, data_table = opts.data_table,
             series = { { name = text.dash(figures[1].metric), values = values } } }
  return doc
end

--- doc:meeting(m [, level]): one meeting: a heading, its facts, the outcome,
--- the topics discussed and what the dataset notes about it. When the source
--- names no co-chairs, it says so plainly, with the record's note.
function briefing.meeting(doc, m, level)
  level = level or 1
  local w, lang = text.words(doc)
  doc:heading(brief.format("{name}, {date}", { name = m.name, date = text.date(m.date, false, lang) }),
              level)
  local chairs = briefing.helpers.co_chairs_of(m)
  doc:facts({
    { w.date, text.when(m, false, lang) },
    { w.ordinal, m.number and rel.ordinal(m.number) or w.no_ordinal },
    { w.format, m.format },
    { w.place, m.place },
    { w.co_chairs, #chairs > 0 and brief.join(chairs, "; ") or w.no_chairs },
  }, { columns = { w.session, w.recorded }, not_stated = w.not_stated })
  if #chairs == 0 then
    doc:paragraph("**" .. w.no_chairs_said .. "** " .. text.note(m.note or ""))
  elseif m.note then
    doc:paragraph("*" .. w.note .. "* " .. text.note(m.note), { size = 9 })
  end
  if m.summary then
    doc:heading(w.outcome, level + 1)
    doc:paragraph(text.span(m.summary))
  end
  if #m.topics > 0 then
    doc:heading(brief.format(w.topics, { n = #m.topics }), level + 1)
    local items = {}
    for i, t in ipairs(m.topics) do items[i] = text.span(t) end
    doc:list(items)
  end
  -- what each side said, asked or pledged there (a predicate: no warning
  -- for a meeting the statements do not cover)
  local said = rel.statements:where(function(s) return s.meeting == m.id end)
  if #said > 0 then
    doc:heading(w.said, level + 1)
    doc:list(said:map(function(s)
      return brief.format("**{by}** ({act}, {topic}): {text}",
        { by = text.dash(s.by), act = s.act, topic = s.topic, text = text.span(s.text) })
    end))
  end
  return doc
end

--- doc:members(members [, caption]): ASEAN's member states, one row per
--- accession date (the five founders share one).
function briefing.members(doc, members, caption)
  local rows = {}
  for _, m in ipairs(members) do
    local row = rows[#rows]
    if row and row.joined == m.joined then
      row.names[#row.names + 1] = m.name
    else
      rows[#rows + 1] = { joined = m.joined, names = { m.name }, founding = m.founding }
    end
  end
  for i, row in ipairs(rows) do
    rows[i] = { text.date(row.joined), brief.join(row.names, ", ", " and ")
                .. (row.founding and " *(founding members)*" or "") }
  end
  doc:table{ columns = { { title = "Joined ASEAN", width = 110 }, { title = "Member states" } },
             rows = rows, caption = caption or brief.format(
               "The {n} member states and the date each joined ASEAN", { n = #members }) }
  return doc
end

--- doc:initiatives(initiatives): a table by year (a year the source does not
--- print is starred), then the components or lines of effort of those that
--- list them, under a level-2 heading.
function briefing.initiatives(doc, initiatives)
  local rows, items = {}, {}
  for _, i in ipairs(initiatives) do
    local name = text.span(text.dash(i.name))
    rows[#rows + 1] = { i.year .. (text.inferred(i, "year") and "*" or ""),
                        name .. (i.short and " (" .. i.short .. ")" or ""),
                        i.kind, i.period and text.span(i.period) or "" }
    if #i.components > 0 then
      items[#items + 1] = brief.format("**{name}** ({year})", { name = name, year = i.year })
      local parts = {}
      for k, c in ipairs(i.components) do parts[k] = c end
      items[#items + 1] = parts
    end
  end
  doc:table{ columns = { { title = "Year", width = 48 }, { title = "Initiative" },
                         { title = "Kind", width = 62 }, { title = "Period", width = 62 } },
             rows = rows,
             caption = "Initiatives by year (* a year the source does not print: see the dataset's notes)" }
  if #items > 0 then
    doc:heading("Components and lines of effort", 2)
    doc:list(items)
  end
  return doc
end

return briefing
