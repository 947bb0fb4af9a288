-- attack: -o naming a symbolic link, in the output folder, to a file outside
-- class: escapes
-- expect: 2 5
-- setup: ln -s "$OUTSIDE/secret.txt" "$OUT/y.pdf"
-- args: -o "$OUT/y.pdf" --timeout 10 --max-memory 256
-- message: y.pdf
-- check: [ -L y.pdf ] && [ "$(readlink y.pdf)" = "$OUTSIDE/secret.txt" ]

local brief = require "brief"
local doc = brief.document{ title = "Over a link" }
doc:paragraph("This must neither follow nor replace the link.")
