-- attack: doc:save('link/sub/x.pdf') where link, in the output folder, is a symbolic link to a folder outside
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE" "$OUT/link"
-- message: save:
-- message: outside

local brief = require "brief"
local doc = brief.document{ title = "Through a link" }
doc:paragraph("This must not land outside the output folder.")
doc:save("link/sub/x.pdf")
