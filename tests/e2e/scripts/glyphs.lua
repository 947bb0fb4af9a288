-- Korean in italics (NanumGothic has no italic face: drawn slanted) and a
-- line full of kerning pairs. --set italic=no sets the Korean upright.
local brief = require "brief"
local doc = brief.document{}
if brief.params.italic == "no" then
	doc:paragraph("한국어 기울인 글자 보기.")
else
	doc:paragraph("한국어 *기울인 글자* 보기.")
end
doc:paragraph("AVATAR Te y.")
doc:save()
