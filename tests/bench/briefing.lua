-- briefing.lua -- the "briefing-N" benchmark workload as a brief script: N
-- sections of generated text, byte for byte the text the peers' programs
-- generate (the same words in the same order every run), so tests/bench.sh
-- can set the same pages beside them. Run: brief tests/bench/briefing.lua --set n=100
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
local function words(k, capall)
  local out = {}
  for j = 1, k do
    local w = W[rnd(#W) + 1]
    if capall or j == 1 then w = w:gsub("^%l", string.upper) end
    out[j] = w
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
local function count(v)
  local s = tostring(v)
  return (s:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", ""))
end

local doc = brief.document{
  title = "Regional Briefing",
  subtitle = ("Workload briefing-%d — %d sections of generated text"):format(N, N),
  date = "Issued 1 June 2024 · seed 20240601",
  template = { base = "default", header = { right = "" },
    margins = { top = 56.693, bottom = 56.693, left = 56.693, right = 56.693 },
    headings = { numbered = false, font = "sans", sizes = { 14, 12, 11 } },
    body = { font = "sans", size = 10, leading = 13, align = "left", space = 6 },
    table = { size = 9, leading = 11 } },
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
  doc:table{ columns = { { title = "Year", width = 44 }, { title = "Event", width = 250 },
    { title = "Place", width = 110 }, { title = "Count", width = 77.89, align = "right" } },
    rows = rows }
end
