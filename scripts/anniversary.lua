-- anniversary.lua -- the milestones of ASEAN–ROK relations that have a round
-- (5-year) anniversary in a given year, most years first.
--   ./brief scripts/anniversary.lua --set year=2024     (default: the current year)
local brief = require "brief"
local rel = require "relations"
local anniversary = require "anniversary"
local text = anniversary.text

local given = brief.params.year or os.date("%Y")
if not given:match("^%d%d%d%d$") then
  error(string.format("year must be a 4-digit number, got %q: run with --set year=YYYY "
    .. "(for example --set year=2024)", given), 0)
end
local year = tonumber(given)

local entries = rel.anniversaries(year)
local relationship, asean, all = anniversary.helpers.split(entries)
-- the title names the oldest milestone the dataset has a name for, if any
local named
for _, a in ipairs(relationship) do
  if a.event.anniversary_of then named = a; break end
end
local title, subtitle = anniversary.helpers.headline(year, named or relationship[1] or asean[1])
local doc = brief.document{
  title = title, subtitle = subtitle, template = "anniversary",
  author = "Prepared from the ASEAN–ROK relations dataset",
  date = text.date(os.date("%Y-%m-%d")),
}

-- A year without a round anniversary gets a short note, and the nearest years (within 50) that have one.
if #all == 0 then
  local nearest = {}
  for _, step in ipairs{ -1, 1 } do
    for y = year + step, year + 50 * step, step do
      if #select(3, anniversary.helpers.split(rel.anniversaries(y))) > 0 then nearest[#nearest + 1] = y; break end
    end
  end
  doc:paragraph(brief.format("No milestone in the dataset reaches a round anniversary (a multiple "
    .. "of five years) in {year}.", { year = year }))
  if #nearest > 0 then
    doc:paragraph(brief.format("The nearest years that have one: {years}.",
                               { years = brief.join(nearest, ", ", " and ") }))
  end
  return
end

local count = #all == 1 and "one milestone recorded in the dataset reaches"
  or brief.format("{n} milestones recorded in the dataset reach", { n = #all })
local all_of = #all > 1 and "all " or ""
local split = #asean == 0 and all_of .. "in the ASEAN–ROK relationship"
  or #relationship == 0 and all_of .. "in ASEAN’s own history"
  or brief.format("{r} in the ASEAN–ROK relationship and {a} in ASEAN’s own history",
                  { r = #relationship, a = #asean })
doc:paragraph(brief.format("In {year}, {count} a round anniversary, {split}. {which} goes back "
  .. "{most} years, to {oldest}.", { year = year, count = count, split = split,
  which = #all > 1 and "The oldest" or "It",
  most = all[1].years, oldest = text.date(all[1].event.date) }))
doc:anniversary_timeline(all, brief.format("Round anniversaries in {year}, in order of date",
                                           { year = year }))
doc:why_they_matter(relationship, 3)
doc:anniversary_chart(all, year)

-- What the dataset already records for the year itself: events, and meetings no event covers.
local items, covered = {}, {}
local function item(name, r, summary)
  items[#items + 1] = brief.format("**{name}**, {date}. {summary}", { name = text.dash(name),
    date = text.when(r), summary = summary and text.span(summary) or "" })
end
for _, e in ipairs(rel.events:where{ year = year }) do
  local m = e.meeting and rel.meetings:first{ id = e.meeting }
  item(e.title, e, e.summary or (m and m.summary))
  if m then covered[m.id] = true end
end
for _, m in ipairs(rel.meetings:where{ year = year }) do
  if not covered[m.id] then item(m.name, m, m.summary) end
end
if #items > 0 then
  doc:heading(brief.format("Already on record for {year}", { year = year }))
  doc:list(items)
end

doc:sources_section("The milestones above are drawn from these source documents; dates a "
  .. "source implies but does not print are marked as inferred.")
