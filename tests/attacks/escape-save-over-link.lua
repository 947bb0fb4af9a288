-- attack: doc:save('y.pdf') where y.pdf, in the output folder, is a symbolic link to a file outside
-- class: escapes
-- expect: 3 5
-- setup: ln -s "$OUTSIDE/secret.txt" "$OUT/y.pdf"
-- message: save:
-- check: [ -L y.pdf ] && [ "$(readlink y.pdf)" = "$OUTSIDE/secret.txt" ]

local brief = require "brief"
local doc = brief.document{ title = "Over a link" }
doc:paragraph("This must neither follow nor replace the link.")
doc:save("y.pdf")
