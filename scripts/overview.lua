-- overview.lua -- the ASEAN–ROK relationship as a whole: milestones, the
-- partnership's levels, ASEAN's members, trade and the initiatives on record.
local brief = require "brief"
local rel = require "relations"
local text = (require "briefing").text

local function event(id) return rel.events:first{ id = id } end
local first, last = event("sectoral-dialogue-1989"), rel.events[#rel.events]

local doc = brief.document{
  title = "ASEAN–Republic of Korea relations",
  subtitle = brief.format("An overview of the relationship, {from}–{to}",
                          { from = first.year, to = last.year }),
  author = "Prepared from the ASEAN–ROK relations dataset",
  date = text.date(os.date("%Y-%m-%d")),
  template = { base = "briefing", title = { page = true } },    -- a cover page
}
doc:contents()

-- Key points: each one a sentence built from the records it cites.
local full, strategic = event("full-dialogue-partner-1991"), event("strategic-partnership-2010")
local csp = rel.initiatives:first{ id = "csp" }
local trade = rel.figures:where{ metric = "ROK-ASEAN bilateral trade" }:sort("year")
local share = rel.figures:first{ id = "asean-share-korea-trade" }
local members = rel.members:sort("joined")
local founders = members:where{ founding = true }
local newest = rel.initiatives[#rel.initiatives].year
local latest = rel.initiatives:where{ year = newest }:map(function(i) return i.short or "the " .. i.name end)
doc:key_points{
  brief.format("Dialogue relations date from {d1}, when the ROK became a Sectoral Dialogue "
    .. "Partner of ASEAN {c1}; full Dialogue Partner status followed in {d2} ({place}) {c2}.",
    { d1 = text.date(first.date), d2 = text.date(full.date), place = full.place,
      c1 = doc:cite(first), c2 = doc:cite(full) }),
  brief.format("Relations were elevated to a strategic partnership on {d} in {place}. On {ann} "
    .. "efforts were reported under way to establish the {csp}, the highest level of "
    .. "partnership, at the bilateral summit of {when} {c}.",
    { d = text.date(strategic.date), place = strategic.place, ann = text.date(rel.source(csp).date),
      csp = text.dash(csp.name), when = text.date(rel.meetings:first{ id = "summit-2024-10" }.date),
      c = doc:cite(csp) }),
  brief.format("Bilateral trade grew from {a} in {y1} to {b} in {y2}; ASEAN accounts for {s} "
    .. "of Korea’s total exports and imports {c}.", { a = text.value(trade[1]), y1 = trade[1].year,
    b = text.value(trade[#trade]), y2 = trade[#trade].year, s = text.value(share),
    c = doc:cite(share) }),
  brief.format("ASEAN has {n} member states: the {f} founders of {y1} and {j} that joined "
    .. "between {y2} and {y3}.", { n = #members, f = #founders, y1 = founders[1].year,
    j = #members - #founders, y2 = members[#founders + 1].year, y3 = members[#members].year }),
  brief.format("{n} initiatives are on record; those of {y} include {list}.",
    { n = #rel.initiatives, y = newest, list = brief.join(latest, ", ", " and ") }),
}

-- Milestones: ASEAN's own accessions are in the members section instead.
-- Page 1 is the summary; the timeline starts on a page of its own.
doc:page_break()
doc:heading("Milestones")
doc:paragraph("The relationship’s milestones as the sources record them, oldest first. "
  .. "Months and days are given where the source prints them.")
doc:milestones(rel.events:where(function(e) return e.kind ~= "membership" end))

-- Partnership levels: each step up, then the CSP announced for 2024.
doc:heading("Partnership levels")
local levels = {}
for _, step in ipairs{ { "sectoral-dialogue-1989", "Sectoral Dialogue Partner" },
                       { "full-dialogue-partner-1991", "Full Dialogue Partner" },
                       { "joint-declaration-2004", "Comprehensive Cooperation Partnership" },
                       { "strategic-partnership-2010", "Strategic Partnership" } } do
  local e = event(step[1])
  local m = e.meeting and rel.meetings:first{ id = e.meeting }
  levels[#levels + 1] = { text.date(e.date), "**" .. step[2] .. "**",
                          text.dash(e.title) .. (m and " (" .. text.dash(m.name) .. ")" or ""), e.place }
end
local summit = rel.meetings:first{ id = "summit-2024-10" }
levels[#levels + 1] = { text.date(summit.date) .. " (announced)", "**" .. text.dash(csp.name) .. "**",
                        csp.summary, summit.place }
doc:table{ columns = { { title = "Date", width = 78 }, { title = "Level", width = 118 },
                       { title = "How it came about" }, { title = "Place", width = 62 } },
           rows = levels, caption = "Each level of partnership and the step that opened it" }
local steps = {}
for _, e in ipairs(rel.events:where{ kind = "partnership" }) do
  if e.year ~= first.year and e.year ~= full.year and e.year ~= strategic.year then
    steps[#steps + 1] = brief.format("{t} ({d}{p})",
      { t = e.title, d = text.date(e.date), p = e.place and ", " .. e.place or "" })
  end
end
doc:paragraph("Steps between the levels: " .. brief.join(steps, "; ", "; and ") .. ".")

-- Members, with the date each joined ASEAN.
doc:heading("ASEAN member states")
doc:members(members)

-- Trade and the other figures the sources give.
doc:heading("Trade and figures")
local then_, now = trade[1], trade[#trade]
doc:paragraph(brief.format("Bilateral trade in {y2} was {x} times its {y1} level, and ASEAN "
  .. "accounts for {s} of Korea’s total exports and imports.", { y1 = then_.year, y2 = now.year,
  x = string.format("%.1f", now.value / then_.value), s = text.value(share) }))
doc:trade_chart(trade)
doc:figures_table(rel.figures, "Every figure in the dataset, with its unit and the year(s) it covers")

-- Initiatives by year, then the lines of effort of those that list them.
doc:heading("Initiatives")
doc:initiatives(rel.initiatives)

doc:page_break()      -- the sources as an annex, on a page of their own
doc:sources_section()
