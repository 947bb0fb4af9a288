-- attack: doc:save('../escape.pdf'), beside the output folder
-- class: escapes
-- expect: 3
-- message: escape-save-dotdot.lua:12: save:
-- message: '../escape.pdf'
-- message: output folder

local brief = require "brief"
local doc = brief.document{ title = "Climbing out" }
doc:paragraph("This must not land beside the output folder.")
assert(not pcall(doc.save, doc, "sub/../../escape.pdf"), "sub/../../escape.pdf was accepted")
doc:save("../escape.pdf")
