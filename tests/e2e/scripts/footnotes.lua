-- Footnotes in a paragraph, a list item and a table cell, each on its own
-- page, then one long paragraph citing many notes that runs over several
-- pages. Every reference word is "refNN" and its note starts "noteNN", so
-- the test can find both on the page text.
local brief = require "brief"
local doc = brief.document{ title = "Footnotes" }

doc:paragraph("A paragraph cites ref01^[note01 is in a paragraph.] here.")
doc:page_break()
doc:list{ "Plain item.", "A list item cites ref02^[note02 is in a **list item**.] too." }
doc:page_break()
doc:table{ columns = { "Item", "Remark" },
           rows = { { "plain", "plain" }, { "ref03^[note03 is in a table cell.]", "plain" } } }
doc:paragraph("An escaped marker \\^[stays literal] and so does this.")

local words = {}
for k = 4, 43 do
	words[#words + 1] = "Dialogue partners met again and agreed to widen cooperation in trade, \z
		culture and security, as the record of the year shows in detail; ref"
		.. string.format("%02d", k) .. "^[note" .. string.format("%02d", k)
		.. " explains the source of this sentence at some length, so that notes take room.]"
end
doc:paragraph(table.concat(words, " "))
doc:save()
