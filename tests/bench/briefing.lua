-- briefing.lua -- the "briefing-N" benchmark workload as a brief script: N
-- sections of generated text, byte for byte the text the peers' programs
-- generate (the same words in the same order every run), laid out as the
-- workload's specification says (WORKLOAD.md in the peers' workload folder
-- beside the repository, ../shared/bench), so tests/bench.sh can set the same
-- pages beside them. Run: brief tests/bench/briefing.lua --set n=100
--
-- The layout, and what brief's template keys (docs/lua-api.md §5.2) can say
-- of it:
--   A4, margins 2 cm; Liberation Sans throughout; text in black
--   title block: title Bold 20/24, subtitle 11, date line 10
--   section heading Bold 14, 18 pt before (dropped at the top of a page),
--     kept with the first two body lines
--   body Regular 10/13, ragged right (so never hyphenated), 6 pt after
--     each paragraph
--   table 44/250/110/77.89 pt, 9 pt text on 11 pt lines, header Bold on 85%
--     grey, repeated on every page, Year left and Count right aligned, no stripes
--   footer "Page X of Y", Regular 9 pt, centred
--   table cells padded 3 pt left/right, 2 pt top/bottom (table.padding_x,
--     padding_y), no space around a table (table.space_before, space_after),
--     no stripes (table.stripe = false)
--   6 pt after a section heading (headings.space_after)
-- What no key can say yet (brief's fixed values, each against the
-- workload's), and so where these pages differ from the peers':
--   a level-1 heading's lines 1.25 × size apart (17.5 pt; workload 17), and
--     a 0.6 pt rule under it;
--   row rules 0.3 pt between rows only, 0.8 pt under the header (workload:
--     a 0.5 pt grid);
--   title block leadings 1.2 × size and its own gaps, a 1.5 pt rule (workload
--     15 and 13 pt leadings, 8 pt gap, 0.5 pt rule, 12 pt gap);
--   the footer baseline at 0.45 × the bottom margin, 25.5 pt (workload 28).
local brief = require "brief"
local N = math.tointeger(tonumber(brief.params.n or "1"))
  or error("--set n=N needs a whole number", 0)

local W = { "the", "of", "and", "in", "to", "for", "with", "was", "by", "from", "a", "on",
  "at", "as", "new", "old", "council", "river", "harbour", "report", "annual", "northern",
  "market", "policy", "growth", "budget", "transport", "water", "energy", "school",
  "district", "review", "project", "public", "local", "service", "housing", "rail",
  "bridge", "survey", "network", "village", "coastal", "forecast", "winter", "summer",
  "export", "museum", "archive", "record", "committee", "minister", "region’s",
  "council’s", "it’s", "don’t", "community", "heritage", "festival", "agreement",
  "planning", "research", "station", "industry", "harvest", "weather", "traffic",
  "library", "hospital", "university", "airport", "ferry", "tunnel", "canal", "quarter",
  "measure", "average", "notable", "quietly", "steady" }
local P = { "Aberdeen", "Bergen", "Cork", "Dundee", "Edinburgh", "Galway", "Göteborg",
  "Hamburg", "Kraków", "Lyon", "Malmö", "Nantes", "Oslo", "Porto", "Québec", "Reykjavík",
  "Rotterdam", "São Paulo", "Tromsø", "Valencia", "Zürich", "Århus", "Cádiz", "Lübeck" }

local state = 20240601
local function rnd(n)
  state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
  return (state >> 8) % n
end
local Wcap = {}        -- each word with its first letter upper case
for i, w in ipairs(W) do Wcap[i] = w:gsub("^%l", string.upper) end
local function words(k, capall)
  local out = {}
  for j = 1, k do
    local i = rnd(#W) + 1
    out[j] = (capall or j == 1) and Wcap[i] or W[i]
  end
  return table.concat(out, " ")
end
local function paragraph()
  local remaining, out = 110 + rnd(21), {}
  while remaining > 0 do
    local len = 6 + rnd(13)
    if len > remaining or remaining - len < 4 then len = remaining end
    local q = rnd(8) == 0
    local s = words(len, false) .. "."
    out[#out + 1] = q and ("“" .. s .. "”") or s
    remaining = remaining - len
  end
  return table.concat(out, " ")
end
local function count(v)        -- 0 <= v < 1,000,000: "652,687"
  if v < 1000 then return tostring(v) end
  return ("%d,%03d"):format(v // 1000, v % 1000)
end

local doc = brief.document{
  title = "Regional Briefing",
  subtitle = ("Workload briefing-%d — %d sections of generated text"):format(N, N),
  date = "Issued 1 June 2024 · seed 20240601",
  -- brief's built-in style, not templates/default.lua: no running header
  template = {
    paper = "A4",
    margins = { top = 56.693, bottom = 56.693, left = 56.693, right = 56.693 },
    title = { font = "sans", size = 20, subtitle_size = 11, color = "#000000" },
    headings = { font = "sans", sizes = { 14, 12, 11 }, numbered = false, color = "#000000",
                 space_before = { 18, 14, 10 }, space_after = { 6, 6, 4 } },
    body = { font = "sans", size = 10, leading = 13, align = "left", space = 6,
             color = "#000000" },
    table = { size = 9, leading = 11, header_fill = "#d9d9d9", header_text = "#000000",
              stripe = false, rule = "#000000", padding_x = 3, padding_y = 2,
              space_before = 0, space_after = 0 },
    footer = { center = "Page {page} of {pages}", size = 9, color = "#000000" },
    accent = "#000000", muted = "#000000",
  },
}
for i = 1, N do
  doc:heading(i .. ". " .. words(2 + rnd(3), true))
  doc:paragraph(paragraph())
  doc:paragraph(paragraph())
  local rows = {}
  for r = 1, 25 do
    local year = 1900 + rnd(125)
    local title = words(3 + rnd(8), true)
    local place = P[rnd(#P) + 1]
    rows[r] = { year, title, place, count(rnd(1000000)) }
  end
  doc:table{ columns = { { title = "Year", width = 44, align = "left" },
    { title = "Event", width = 250 }, { title = "Place", width = 110 },
    { title = "Count", width = 77.89, align = "right" } }, rows = rows }
end
