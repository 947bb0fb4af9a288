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

local text = {}
default.text = text

local MONTHS = { "January", "February", "March", "April", "May", "June", "July",
                 "August", "September", "October", "November", "December" }

--- A dataset date ("1989", "1991-07", "2004-11-30") as prose: "1989",
--- "July 1991", "30 November 2004". With short = true: "Jul 1991", "30 Nov 2004".
function text.date(iso, short)
  iso = tostring(iso)
  local y, m, d = iso:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then y, m = iso:match("^(%d%d%d%d)%-(%d%d)$") end
  local month = m and MONTHS[tonumber(m)]
  if not month then return iso end
  if short then month = month:sub(1, 3) end
  if d then return string.format("%d %s %s", tonumber(d), month, y) end
  return month .. " " .. y
end

--- Does the record mark `field` as inferred (implied by its source, not printed)?
function text.inferred(r, field)
  local list = r.inferred
  if not list then return false end
  for _, f in ipairs(list) do
    if f == field then return true end
  end
  return false
end

--- A record's date as prose, flagged when the source only implies it.
function text.when(r, short)
  local s = text.date(r.date, short)
  if text.inferred(r, "date") or text.inferred(r, "year") then s = s .. " (inferred)" end
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
  for _, s in ipairs { e.title or "", e.summary or "" } do
    -- "DPRK" does not match: the ROK is named as a word
    if s:find("%f[%w]ROK%f[%W]") or s:find("Korea") then return true end
  end
  return false
end

-- ---- ready-made sections ----------------------------------------------------------

--- doc:sources_section([intro]): a numbered heading and the sources of every
--- record the script has read by the time the document is saved.
function default.sources_section(doc, intro)
  doc:heading(default.sources_title)
  doc:paragraph(intro or "This briefing draws only on the following source documents; "
    .. "dates the source implies but does not print are marked as inferred.")
  doc:sources()
  return doc
end

return default
