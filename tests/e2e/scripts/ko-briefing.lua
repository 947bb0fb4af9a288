-- ko-briefing.lua -- for tests/e2e/run.sh: a Korean document with the
-- briefing template: its headings, dates and sources section in Korean.
local brief = require "brief"
local rel = require "relations"
local doc = brief.document{ title = "한-아세안 대화", lang = "ko", template = "briefing" }
doc:contents()
local m = rel.meetings:first{ id = "dialogue-2024-28th" }
doc:paragraph("제28차 한-아세안 대화는 " .. doc:cite(m) .. " 2024년에 열렸다.")
doc:meeting(m)
doc:milestones(rel.events:where{ kind = "partnership" })
doc:sources_section()
