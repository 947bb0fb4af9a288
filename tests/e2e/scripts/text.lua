-- Typographic punctuation, Korean and inline markup must come back from
-- pdftotext exactly as written.
local brief = require "brief"
local doc = brief.document{ title = "Text check", author = "e2e" }
doc:heading("Punctuation and Hangul")
doc:paragraph("ASEAN’s “partners” – 35 years… and 한국–아세안 대화 관계.")
doc:paragraph("Some **bold words**, some *italic words* and [a link](https://asean.org).")
doc:save()
