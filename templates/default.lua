-- default.lua -- brief's house style: serif body, sans headings, navy accent,
-- "Page X of Y" in the footer. Other templates name it as their base and
-- borrow its helpers:
--
--   local default = require "default"
--   default.text.date("2004-11-30")          --> "30 November 2004"
--
-- Helpers live in `default.text` (a table, so they do not turn into document
-- methods); functions at the top level are ready-made sections, called as
-- doc:name(...).
local default = {
  paper = "A4",
  body = { font = "serif", size = 10.5, leading = 14.5, align = "justify" },
  headings = { font = "sans", sizes = { 16, 13, 11 }, color = "#173966", numbered = true },
  title = { font = "sans", size = 24, color = "#173966" },
  accent = "#173966",
  muted = "#666b73",
  header = { right = "{title}", size = 8.5, color = "#666b73", rule = true },
  footer = { center = "Page {page} of {pages}", size = 8.5, color = "#666b73" },
  sources_title = "Sources",
}

-- ---- text helpers -------------------------------------------------------------

local rel = require "relations"
local text = {}
default.text = text

local MONTHS = { "January", "February", "March", "April", "May", "June", "July",
                 "August", "September", "October", "November", "December" }

-- The words the templates write, by document language (doc:lang()).
local WORDS = {
  en = {
    sources = "Sources",
    sources_intro = "This briefing draws only on the following source documents; dates the "
      .. "source implies but does not print are marked as inferred.",
    inferred = "inferred", key_points = "Key points", outcome = "Outcome",
    topics = "Topics discussed ({n})", said = "What each side said",
    announced = "Meetings its source announced", session = "Session",
    recorded = "As the source records it", date = "Date", ordinal = "Ordinal",
    format = "Format", place = "Place", co_chairs = "Co-chairs",
    no_ordinal = "None printed in the source", no_chairs = "None named in the source",
    not_stated = "Not stated in the source",
    no_chairs_said = "The source names no co-chairs for this meeting.",
    note = "Note on the source:",
    why = "Why they matter", relationship = "The ASEAN\u{2013}ROK relationship",
    asean_own = "ASEAN\u{2019}s own milestones",
    per_anniversary = "Milestones reaching each round anniversary in {year}",
    milestones = "milestones",
  },
  ko = {
    sources = "출처",
    sources_intro = "이 브리핑은 아래 출처 문서만을 근거로 합니다. 출처가 밝히지 않고 "
      .. "암시만 하는 날짜는 추정으로 표시했습니다.",
    inferred = "추정", key_points = "핵심 내용", outcome = "성과",
    topics = "논의 의제 ({n}건)", said = "양측의 발언",
    announced = "출처가 예고한 회의", session = "회의",
    recorded = "출처의 기록", date = "날짜", ordinal = "회차",
    format = "형식", place = "장소", co_chairs = "공동의장",
    no_ordinal = "출처에 회차 없음", no_chairs = "출처에 공동의장 없음",
    not_stated = "출처에 기재 없음",
    no_chairs_said = "출처는 이 회의의 공동의장을 밝히지 않습니다.",
    note = "출처에 관한 주:",
    why = "의의", relationship = "한-아세안 관계",
    asean_own = "아세안 자체의 이정표",
    per_anniversary = "{year}년에 주년을 맞는 이정표의 수",
    milestones = "이정표 수",
  },
}

--- The words of a document's language, and the language: text.words(doc)
--- gives WORDS.ko and "ko" for a brief.document{ lang = "ko" }.
function text.words(doc)
  local lang = doc and doc:lang() or "en"
  return WORDS[lang] or WORDS.en, lang
end

--- A dataset date ("1989", "1991-07", "2004-11-30") as prose: "1989",
--- "July 1991", "30 November 2004". With short = true: "Jul 1991", "30 Nov 2004".
--- With lang = "ko": "1989년", "1991년 7월", "2004년 11월 30일".
function text.date(iso, short, lang)
  iso = tostring(iso)
  local y, m, d = iso:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then y, m = iso:match("^(%d%d%d%d)%-(%d%d)$") end
  if lang == "ko" then
    if d then return string.format("%s년 %d월 %d일", y, tonumber(m), tonumber(d)) end
    if m then return string.format("%s년 %d월", y, tonumber(m)) end
    if iso:match("^%d%d%d%d$") then return string.format("%s년", iso) end
    return iso
  end
  local month = m and MONTHS[tonumber(m)]
  if not month then return iso end
  if short then month = month:sub(1, 3) end
  if d then return string.format("%d %s %s", tonumber(d), month, y) end
  return string.format("%s %s", month, y)
end

--- Does the record mark `field` as inferred (implied by its source, not printed)?
function text.inferred(r, field)
  local list = rel.field(r, "inferred")
  if not list then return false end
  for _, f in ipairs(list) do
    if f == field then return true end
  end
  return false
end

--- A record's date as prose, flagged when the source only implies it.
function text.when(r, short, lang)
  local s = text.date(r.date, short, lang)
  if text.inferred(r, "date") or text.inferred(r, "year") then
    s = string.format("%s (%s)", s, (WORDS[lang] or WORDS.en).inferred)
  end
  return s
end

--- A number without a needless ".0": 149 → "149", 38.7 → "38.7".
function text.number(v)
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 1e15 then
    return string.format("%d", v)
  end
  return string.format("%g", v)
end

--- A figure's value with its unit, as a sentence would put it:
--- "US$38.7 billion", "about 10%", "5 projects".
function text.value(f)
  local v, unit = text.number(f.value), f.unit
  local s
  local currency, rest = unit:match("^(US%$)%s*(.*)$")
  if currency then
    s = currency .. v .. (rest ~= "" and " " .. rest or "")
  elseif unit == "%" then
    s = v .. "%"
  else
    s = v .. " " .. unit
  end
  if f.approximate then s = "about " .. s end
  return s
end

--- The year or span of years a figure covers: "2017", "1990–2009".
function text.years(f)
  if f.year then
    return tostring(f.year) .. (text.inferred(f, "year") and " (inferred)" or "")
  end
  return string.format("%d–%d", f.from, f.to)
end

--- "2011-2015" → "2011–2015" (an en dash between years).
function text.span(s)
  return (tostring(s):gsub("(%d%d%d%d)%-(%d%d%d%d)", "%1–%2"))
end

--- "ASEAN-ROK" and "ROK-ASEAN" as prose sets them, with an en dash.
function text.dash(s)
  return (tostring(s):gsub("ASEAN%-ROK", "ASEAN–ROK"):gsub("ROK%-ASEAN", "ROK–ASEAN"))
end

--- A record's note as a briefing prints it: without the dataset's own
--- bookkeeping (", so co_chairs is empty"), with en dashes in year spans.
function text.note(s)
  s = tostring(s):gsub(",? so [%w_]+ is empty", "")
  return text.span(s)
end

--- Does an event concern the ASEAN–ROK relationship itself (as opposed to
--- ASEAN's own milestones)? Its title or summary names the ROK or Korea, and it
--- is not an ASEAN membership.
function text.concerns_rok(e)
  if e.kind == "membership" then return false end
  for _, s in ipairs { rel.field(e, "title") or "", rel.field(e, "summary") or "" } do
    -- "DPRK" does not match: the ROK is named as a word
    if s:find("%f[%w]ROK%f[%W]") or s:find("Korea") then return true end
  end
  return false
end

-- ---- ready-made sections ----------------------------------------------------------

--- doc:sources_section([intro]): a numbered heading and the sources of every
--- record the script has read by the time the document is saved.
function default.sources_section(doc, intro, title)
  local w, lang = text.words(doc)
  doc:heading(title or (lang ~= "en" and w.sources) or default.sources_title)
  doc:paragraph(intro or w.sources_intro)
  doc:sources()
  return doc
end

return default
