-- anniversary.lua -- the anniversary summary: a sober commemorative look
-- (serif throughout, a deep burgundy accent, unnumbered headings) and the
-- pieces that write a year's round anniversaries.
--
--   local anniversary = require "anniversary"
--   local title, subtitle = anniversary.helpers.headline(year, top)   -- top: an entry of rel.anniversaries
--   local doc = brief.document{ title = title, template = "anniversary" }
--   doc:at_a_glance(entries)       -- a table: anniversary, milestone, date, place
--   doc:milestone(entry)           -- one milestone: what happened and why it mattered
--   doc:anniversaries(year)        -- all of the above for a year, in one call
local brief = require "brief"
local rel = require "relations"
local default = require "default"
local text = default.text

local anniversary = setmetatable({
  base = "default",
  margins = { top = 70, bottom = 68, left = 72, right = 72 },
  body = { font = "serif", size = 10.5, leading = 14.5, space = 6, align = "justify",
           color = "#211c1a" },
  headings = { font = "serif", sizes = { 15, 12, 11 }, color = "#5a1e2b", numbered = false },
  title = { font = "serif", size = 20, subtitle_size = 12.5, color = "#5a1e2b" },
  table = { size = 9, leading = 11.5, header_fill = "#5a1e2b", header_text = "#ffffff",
            stripe = "#f5efec", rule = "#cdbfb9" },
  accent = "#5a1e2b",
  muted = "#6e625b",
  header = { left = "ASEAN\u{2013}ROK relations \u{00B7} Anniversary summary", right = "{date}",
             size = 8, color = "#6e625b", rule = true },
  footer = { center = "Page {page} of {pages}", size = 8, color = "#6e625b" },
}, { __index = default })

--- Plain functions, kept apart so they do not become document methods.
anniversary.helpers = {}

--- The year's round anniversaries, split: those of the ASEAN–ROK relationship,
--- ASEAN's own, and both together (most years first, as given). Commemorations
--- recorded as events (the "15th anniversary" of 2004) are left out: they would
--- be an anniversary of an anniversary.
function anniversary.helpers.split(entries)
  local relationship, asean, kept = {}, {}, {}
  for _, a in ipairs(entries) do
    if a.event.kind ~= "anniversary" then
      table.insert(text.concerns_rok(a.event) and relationship or asean, a)
      kept[#kept + 1] = a
    end
  end
  return relationship, asean, kept
end

--- The title and subtitle of a year's summary, built from its top entry:
--- "2024 marks the 35th anniversary of ASEAN–ROK dialogue relations, established in 1989".
function anniversary.helpers.headline(year, top)
  if not top then
    return brief.format("No round anniversaries in {year}", { year = year }),
           "ASEAN\u{2013}ROK relations: anniversary summary"
  end
  local e = top.event
  local subtitle = brief.format("Round anniversaries of ASEAN\u{2013}ROK relations in {year}",
                                { year = year })
  if e.anniversary_of then     -- what the milestone began, as the dataset names it
    return brief.format("{year} marks the {ordinal} anniversary of {what}, {how} {since}", {
      year = year, ordinal = top.ordinal, what = text.dash(e.anniversary_of), since = e.year,
      how = e.title:find("[Ee]stablish") and "established in" or "dating from" }), subtitle
  end
  return brief.format("{year} marks the {ordinal} anniversary of a milestone of {date}",
                      { year = year, ordinal = top.ordinal, date = text.date(e.date) }),
         text.span(text.dash(e.title))
end

--- doc:at_a_glance(entries [, caption]): the anniversaries as a table.
function anniversary.at_a_glance(doc, entries, caption)
  local rows = {}
  for i, a in ipairs(entries) do
    local e = a.event
    rows[i] = { "**" .. a.ordinal .. "**", text.span(text.dash(e.title)), text.when(e, true), e.place or "" }
  end
  doc:table{ columns = { { title = "Anniversary", width = 68 }, { title = "Milestone" },
                         { title = "Date", width = 74 }, { title = "Place", width = 80 } },
             rows = rows, caption = caption }
  return doc
end

--- doc:milestone(entry): one anniversary: the milestone's title, then when and
--- where it happened, then why it mattered (the event's summary, else that of
--- the meeting where it happened), or a plain word that the sources say no more.
--- doc:anniversary_timeline(entries [, title]): the milestones on the time
--- axis, oldest first, each with the anniversary it reaches and its place.
function anniversary.anniversary_timeline(doc, entries, title)
  local items = {}
  for i, a in ipairs(entries) do
    local e = a.event
    local label = "**" .. a.ordinal .. "** \u{00B7} " .. text.span(text.dash(e.title))
    if e.place and not e.title:find(e.place, 1, true) then label = label .. " *(" .. e.place .. ")*" end
    items[i] = { date = e.date, label = label, inferred = e.inferred }
  end
  table.sort(items, function(x, y) return x.date < y.date end)
  doc:timeline(items, { title = title, to_scale = false })
  return doc
end

--- doc:anniversary_chart(entries, year): how many milestones reach each round
--- anniversary in the year (5th, 10th, ...), as a bar chart.
function anniversary.anniversary_chart(doc, entries, year)
  local count, most = {}, 0
  for _, a in ipairs(entries) do
    count[a.years] = (count[a.years] or 0) + 1
    if a.years > most then most = a.years end
  end
  local labels, values = {}, {}
  for y = 5, most, 5 do
    labels[#labels + 1] = rel.ordinal(y)
    values[#values + 1] = count[y] or 0
  end
  if #labels > 0 then
    local w = text.words(doc)
    doc:chart{ type = "bar", labels = labels, unit = w.milestones,
               title = brief.format(w.per_anniversary, { year = year }),
               series = { { name = "Milestones", values = values } } }
  end
  return doc
end

--- doc:why_they_matter(entries [, n]): the n (default 4) oldest milestones of
--- the relationship that the sources explain, each a list item: its
--- anniversary, title and date, then why it mattered. The rest are on the
--- timeline; a one-page summary says why for the few that carry the year.
function anniversary.why_they_matter(doc, entries, n)
  n = n or 4
  local items = {}
  for _, a in ipairs(entries) do
    local e = a.event
    local m = e.meeting and rel.meetings:first{ id = e.meeting }
    local why = e.summary or (m and m.summary)
    if why and #items < n then
      items[#items + 1] = brief.format("**{ordinal}** \u{00B7} {title} ({date}). {why} {cite}",
        { ordinal = a.ordinal, title = text.span(text.dash(e.title)),
          date = text.when(e, true, select(2, text.words(doc))),
          why = text.span(why), cite = doc:cite(e) })
    end
  end
  if #items > 0 then
    doc:heading(text.words(doc).why)
    doc:list(items)
  end
  return doc
end

function anniversary.milestone(doc, a)
  local e = a.event
  local m = e.meeting and rel.meetings:first{ id = e.meeting }
  doc:heading(text.span(text.dash(e.title)), 2)
  local facts = { a.ordinal .. " anniversary", text.when(e) }
  if e.place then facts[#facts + 1] = e.place end
  if m and not e.title:find(m.name, 1, true) then facts[#facts + 1] = "at the " .. text.dash(m.name) end
  doc:paragraph("*" .. table.concat(facts, " \u{00B7} ") .. "*", { align = "left" })
  local why = e.summary or (m and m.summary)
  if why then
    doc:paragraph("**Why it mattered.** " .. text.span(why))
  else
    doc:paragraph("The sources record this milestone without further detail.")
  end
  return doc
end

--- doc:anniversaries(year [, entries]): every round anniversary of a year,
--- those of the relationship first, then ASEAN's own; nothing when there are none.
function anniversary.anniversaries(doc, year, entries)
  local relationship, asean = anniversary.helpers.split(entries or rel.anniversaries(year))
  if #relationship > 0 then
    doc:heading(text.words(doc).relationship)
    for _, a in ipairs(relationship) do doc:milestone(a) end
  end
  if #asean > 0 then
    doc:heading(text.words(doc).asean_own)
    for _, a in ipairs(asean) do doc:milestone(a) end
  end
  return doc
end

return anniversary
