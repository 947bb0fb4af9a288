-- attack: doc:save onto a FIFO and onto a folder in the output folder
-- class: loss and corruption
-- expect: 3 5
-- setup: mkfifo "$OUT/f.pdf"; mkdir "$OUT/d.pdf"
-- message: not a regular file
-- check: [ -p f.pdf ] && [ -d d.pdf ]
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "Into a pipe" }
doc:paragraph("never written")
assert(not pcall(doc.save, doc, "d.pdf"), "a folder was taken for a PDF")
doc:save("f.pdf")
