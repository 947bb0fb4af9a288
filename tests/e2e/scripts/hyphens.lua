-- A narrow justified paragraph and a justified table cell full of long
-- words, some with soft hyphens (U+00AD) in words too long for a line, so
-- that lines end in hyphens. The script prints what it sets, in reading
-- order, for the test to compare with the extracted text. No header, no
-- footer: the page holds only these words.
local brief = require "brief"
local doc = brief.document{ template = { base = "default",
	margins = { left = 200, right = 200 }, footer = { center = "" } } }
local para = "Governments coordinate infrastructure internationalisation responsibilities, \z
	telecommunications interoperability and extraordinarily comprehensive environmental \z
	institutionalisation; representatives acknowledged unprecedented counterterrorism \z
	collaboration notwithstanding organisational incompatibilities. The \z
	Southeastasian\u{AD}dialogue\u{AD}partnership\u{AD}infrastructure\u{AD}programme \z
	and a soft\u{AD}hyphenated word close it."
local cell = "Intergovernmental consultations strengthened multilateral understanding; \z
	the Sectoral\u{AD}dialogue\u{AD}partnership\u{AD}programme continued."
doc:paragraph(para)
doc:table{ columns = { { title = "Remarks", width = 120, align = "justify" } }, rows = { { cell } } }
print(para, "Remarks", cell)
doc:save()
