-- table.lua -- the long-table workload: one table of R rows of three cells
-- ("17", "Row 17 of the long table", "119"), laid out as
-- tests/bench/raw_table.c writes it with libharu alone, so tests/bench.sh
-- can set brief's memory beside the floor's as R grows. Run:
--   brief tests/bench/table.lua --set rows=200000 --max-pages 32767
-- A4, 2 cm margins, Liberation Sans 9 pt on 11 pt lines, cells padded 3
-- and 2 pt, columns 60, 250 and 80 pt (the last right aligned), the header
-- bold on grey and repeated on every page, a rule under each row, no
-- stripes, "Page X of Y" centred in the footer, no title block.
local brief = require "brief"
local R = math.tointeger(tonumber(brief.params.rows or "1000"))
  or error("--set rows=R needs a whole number", 0)

local doc = brief.document{
  title = "Long table",
  template = {
    paper = "A4",
    margins = { top = 56.693, bottom = 56.693, left = 56.693, right = 56.693 },
    title = { show = false },
    table = { size = 9, leading = 11, header_fill = "#d9d9d9", header_text = "#000000",
              stripe = false, rule = "#000000", padding_x = 3, padding_y = 2,
              space_before = 0, space_after = 0 },
    footer = { center = "Page {page} of {pages}", size = 9, color = "#000000" },
  },
}
local rows = {}
for r = 1, R do
  rows[r] = { r, "Row " .. r .. " of the long table", r * 7 % 1000 }
end
doc:table{ columns = { { title = "No", width = 60, align = "left" },
  { title = "Text", width = 250 }, { title = "Value", width = 80, align = "right" } },
  rows = rows }
