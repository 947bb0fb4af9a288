-- dialogue.lua -- the annual ASEAN–ROK Dialogue of senior officials: when each
-- session met, who co-chaired it, in what format, what it discussed and what
-- its source announced next.
local brief = require "brief"
local rel = require "relations"
local briefing = require "briefing"
local text = briefing.text

local dialogues = rel.meetings:where{ kind = "dialogue" }:sort("date")
local first, last = dialogues[1], dialogues[#dialogues]

local doc = brief.document{
  title = "The annual ASEAN–ROK Dialogue",
  subtitle = brief.format("The {n} sessions on record, {y1}–{y2}",
                          { n = #dialogues, y1 = first.year, y2 = last.year }),
  author = "Prepared from the ASEAN–ROK relations dataset",
  date = text.date(os.date("%Y-%m-%d")),
  template = "briefing",
}

-- At a glance: one row per session; what the source leaves out is said, not left blank.
doc:heading("The series at a glance")
doc:paragraph(brief.format("The dataset records {n} sessions of the Dialogue, the annual meeting of "
  .. "senior officials of the ROK and the ASEAN Member States: {list}.", { n = #dialogues,
  list = brief.join(dialogues:map(function(m) return brief.format("the {name} ({d}) {c}",
    { name = m.name, d = text.date(m.date), c = doc:cite(m) }) end), ", ", " and ") }))
doc:table{
  columns = { { title = "Session" }, { title = "Date", width = 100 }, { title = "Format", width = 85 },
              { title = "Co-chairs", width = 150 } },
  rows = dialogues:map(function(m)
    return { m.name, text.when(m), m.format or "*Not stated*",
             #m.co_chairs > 0 and tostring(m.co_chairs) or "*None named*" }
  end),
  caption = "ASEAN–ROK Dialogue sessions in the dataset, oldest first" }
doc:timeline(dialogues, { title = "The sessions on the time axis" })
doc:chart{ type = "bar", horizontal = true, title = "Topics discussed at each session",
           unit = "topics named by the source",
           labels = dialogues:map(function(m) return m.name end),
           series = { { name = "Topics", values = dialogues:map(function(m) return #m.topics end) } } }

-- Each session in turn, then the meetings its source announced for later.
for _, m in ipairs(dialogues) do
  doc:meeting(m)
  -- a table query first: it does not count the other meetings as read
  local later = rel.meetings:where{ source = m.source }:where(function(x) return x.date > m.date end)
  if #later > 0 then
    doc:heading("Meetings its source announced", 2)
    doc:list(later:map(function(x)
      return brief.format("**{name}**, {date}. {what}",
        { name = x.name, date = text.when(x), what = x.summary or text.note(x.note) })
    end))
  end
end

doc:sources_section()
