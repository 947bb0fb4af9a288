-- attack: doc:save of an absolute path outside the output folder (in the outside folder)
-- class: escapes
-- expect: 3
-- args: -o "$OUT/x.pdf" --timeout 10 --max-memory 256 --set outside="$OUTSIDE"
-- message: escape-save-absolute.lua:13: save:
-- message: outside the output folder

local brief = require "brief"
local doc = brief.document{ title = "Elsewhere" }
doc:paragraph("This must not land outside the output folder.")
assert(not pcall(doc.save, doc, "/tmp/escape.pdf"), "/tmp/escape.pdf was accepted")
assert(not pcall(doc.save, doc, brief.params.outside .. "/../escape.pdf"), "a path beside the output folder was accepted")
doc:save(brief.params.outside .. "/escape.pdf")
