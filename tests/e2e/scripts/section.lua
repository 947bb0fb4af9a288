-- {section} in a header: the level-1 heading in force on each page.
local brief = require "brief"
local doc = brief.document{ title = "Sections", template = {
	base = "default", header = { left = "{section}" } } }
doc:heading("Origins")
doc:paragraph("The first page belongs to the first section.")
doc:page_break()
doc:paragraph("The second page opens in the first section.")
doc:heading("Trade and investment")
doc:paragraph("The second section starts on the second page.")
doc:heading("Goods", 2)
doc:paragraph("A level-2 heading does not change the header.")
doc:page_break()
doc:paragraph("The third page is still in the second section.")
doc:save()
