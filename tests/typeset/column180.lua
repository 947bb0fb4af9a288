-- column180.lua -- word spaces in justified text: a table whose 180 pt
-- "Record" column is justified, filled with the dataset's titles, names and
-- summaries, a few long sentences and one unbreakable URL; then, on a page of
-- their own, full-width justified paragraphs in English and Korean.
--
-- tests/typeset/typst/column180.typ sets the same content with Typst: it reads
-- the same CSV files and repeats the fixed sentences below word for word, so
-- change both together. Field values are used as they are (no template
-- helpers), so that the two agree.
--
--   ./brief tests/typeset/column180.lua -o /tmp/m/c.pdf
--   tests/typeset/measure.sh spaces -s 9 -x 102.36:282.36 /tmp/m/c.pdf     # the 180 pt column
--   tests/typeset/measure.sh spaces -s 10.5 -x 62.36:532.91 /tmp/m/c.pdf   # full-width paragraphs
local rel = require "relations"
local brief = require "brief"

local S = {
  "Since the Republic of Korea and ASEAN established sectoral dialogue relations in November 1989, "
    .. "the partnership has grown from a modest exchange of officials into one of the most "
    .. "comprehensive relationships that either side maintains, spanning political and security "
    .. "consultation, trade and investment, development cooperation and a dense web of "
    .. "people-to-people exchanges.",
  "Trade between the ROK and the ten ASEAN Member States rose from US$38.7 billion in 2003 to "
    .. "US$149 billion in 2017, making ASEAN the Republic of Korea’s second-largest trading partner "
    .. "and one of the principal destinations of its outward investment and development assistance.",
  "The ASEAN-Korea Centre, inaugurated in Seoul in 2009, promotes trade, investment, tourism and "
    .. "cultural exchange, while the ASEAN Culture House in Busan, opened in 2017, introduces Korean "
    .. "audiences to the arts, crafts, languages and cuisines of Southeast Asia.",
  "Under the New Southern Policy, announced in November 2017, the ROK undertook to raise its "
    .. "relations with ASEAN to the level of those with the four major powers around the Korean "
    .. "Peninsula, organising its cooperation around the three pillars of people, prosperity and peace.",
  "Interconnectedness, institutionalisation and inclusiveness were repeatedly named by the "
    .. "co-chairs as the characteristics that distinguish the relationship from the Republic of "
    .. "Korea’s other regional partnerships, notwithstanding considerable differences in the size, "
    .. "income and political systems of the participating states.",
}
local URL = "The plans of action and chairman’s statements cited here are published by the ASEAN "
  .. "Secretariat at https://asean.org/?p=40404&t=ak and by the Ministry of Foreign Affairs of "
  .. "the Republic of Korea."
local LONG_URL = "The documents of the 35th anniversary year are collected by the ASEAN-Korea Centre at "
  .. "https://www.aseankorea.org/?category=anniversary35&page=1&lang=en&view=list together "
  .. "with the statements of the commemorative events held in Seoul and Jakarta."
local KO = {
  "한국과 아세안은 1989년 부분 대화관계를 수립한 이후 1991년 완전 대화상대국 관계로 나아갔으며, "
    .. "2010년에는 관계를 전략적 동반자 관계로 격상하였다. 아세안은 한국의 제2위 교역 상대이자 "
    .. "주요 투자 대상 지역으로, 양측의 교역액은 2017년 1,490억 달러에 이르렀다.",
  "한-아세안 센터는 2009년 서울에 설립되어 무역과 투자, 관광, 문화 교류를 촉진하고 있으며, "
    .. "2017년 부산에 문을 연 아세안문화원은 동남아시아의 예술과 언어, 음식을 한국 관객에게 "
    .. "소개하고 있다. 신남방정책은 사람, 평화, 상생 번영의 세 가지 축을 중심으로 아세안과의 "
    .. "협력을 한 단계 높이고자 하였다.",
}

local doc = brief.document{ title = "Typeset quality: a 180 pt justified column" }

-- ---- the table ----------------------------------------------------------------
local rows = {}
for _, e in ipairs(rel.events) do
  rows[#rows + 1] = { e.year, e.title .. "." .. (e.summary and " " .. e.summary or ""),
                      e.kind, e.place }
end
for _, m in ipairs(rel.meetings) do
  local chairs = #m.co_chairs > 0 and " Co-chairs: " .. table.concat(m.co_chairs, ", ") .. "." or ""
  rows[#rows + 1] = { m.year, m.name .. (m.place and ", " .. m.place or "") .. "."
                        .. (m.summary and " " .. m.summary or "") .. chairs, m.kind, m.place }
end
for i, s in ipairs(S) do
  rows[#rows + 1] = { "", s, "prose", "" }
  if i == 3 then rows[#rows + 1] = { "", URL, "prose", "" } end
end
rows[#rows + 1] = { "", KO[1], "prose", "" }

doc:heading("Records in a 180 pt column")
doc:table{
  columns = { { title = "Year", width = 40 },
              { title = "Record", width = 180, align = "justify" },
              { title = "Kind", width = 62 },
              { title = "Where" } },
  rows = rows,
}

-- ---- full-width paragraphs -----------------------------------------------------
local function summaries(coll)
  local out = {}
  for _, r in ipairs(coll) do
    if r.summary then out[#out + 1] = r.summary end
  end
  return table.concat(out, " ")
end

doc:page_break()
doc:heading("Full-width paragraphs")
doc:paragraph(S[1] .. " " .. S[3], { align = "justify" })
doc:paragraph(summaries(rel.events), { align = "justify" })
doc:paragraph(S[2] .. " " .. S[4], { align = "justify" })
doc:paragraph(summaries(rel.initiatives), { align = "justify" })
doc:paragraph(LONG_URL .. " " .. S[5], { align = "justify" })
doc:paragraph(KO[1], { align = "justify" })
doc:paragraph(KO[2], { align = "justify" })
doc:paragraph(summaries(rel.meetings), { align = "justify" })
