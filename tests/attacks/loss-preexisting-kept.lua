-- attack: with a.pdf already in the output folder, save a.pdf and b.pdf, then raise: a.pdf stays byte-identical
-- class: loss and corruption
-- expect: 3
-- setup: printf '%%PDF-1.4 the good PDF of yesterday\n' >"$OUT/a.pdf"; cp "$OUT/a.pdf" "$OUT/a.copy"
-- message: the error after the saves
-- check: cmp a.pdf a.copy

local brief = require "brief"
local doc = brief.document{ title = "Saved, then failed" }
doc:paragraph("A new version that must not replace the old one.")
doc:save("a.pdf")
doc:save("b.pdf")
error("the error after the saves")
