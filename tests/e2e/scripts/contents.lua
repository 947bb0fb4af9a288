-- A table of contents over two pages of headings.
local brief = require "brief"
local doc = brief.document{ title = "Contents check" }
doc:contents()
doc:heading("Origins")
doc:paragraph("Dialogue relations began in 1989.")
doc:heading("A second section with a longer title", 2)
doc:paragraph("Full dialogue partnership followed in 1991.")
doc:page_break()
doc:heading("Trade and investment")
doc:paragraph("Trade grew fast.")
doc:save()
