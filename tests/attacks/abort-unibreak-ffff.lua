-- attack: U+FFFF, which libunibreak takes for the end of the text and then aborts on, in every kind of text block
-- class: aborts
-- expect: 0
-- forbid: crashed
-- writes: x.pdf
-- check: pdftotext -enc UTF-8 x.pdf - | grep -q "after the noncharacter"

local rel = require "relations"
local doc = (require "brief").document{ title = "a\u{FFFF}b" }
doc:heading("Heading \u{FFFF} here")
doc:paragraph("a\u{FFFF} b \u{FFFF}\u{FFFF}, after the noncharacter", { align = "justify" })
doc:list{ "\u{FFFF}", "item \u{FFFF}" }
doc:table{ columns = { "A", "B" }, rows = { { "\u{FFFF}", "x\u{FFFF}y" } }, caption = "\u{FFFF}" }
doc:timeline({ { date = "2020", label = "\u{FFFF}" } })
doc:save()
