-- One cell holding about three pages of text: it continues on the next
-- pages under the repeated header, nothing cut.
local brief = require "brief"
local doc = brief.document{ title = "Tall cell" }
local words = {}
for i = 1, 2500 do words[i] = "word" .. i end
local long = "START-OF-CELL " .. table.concat(words, " ") .. " END-OF-CELL"
doc:table{ columns = { "Key", "Text" }, rows = { { "a", long }, { "b", "short" } } }
doc:paragraph("after the table")
doc:save()
