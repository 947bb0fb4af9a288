-- attack: save a.pdf and b.pdf, then raise an error: neither may exist afterwards
-- class: loss and corruption
-- expect: 3
-- message: loss-saves-then-error.lua:14: the error after the saves

local brief = require "brief"
local doc = brief.document{ title = "Saved, then failed" }
doc:paragraph("First version.")
doc:save("a.pdf")
doc:paragraph("Second version.")
doc:save("b.pdf")
local other = brief.document{ title = "Another" }
other:save("sub/c.pdf")
error("the error after the saves")
