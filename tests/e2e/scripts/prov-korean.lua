-- A Korean document: the list of sources writes its dates the Korean way.
local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "한국어 출처", lang = "ko" }
local m = rel.meetings:first{ id = "dialogue-2024-28th" }
doc:paragraph(m.name .. "는 " .. doc:cite(m) .. " 서울에서 열렸다.")
doc:heading("출처")
doc:sources()
