-- attack: SIGINT to brief and its worker at once (as Ctrl-C on a terminal) while the script loops: exit 130, nothing written
-- class: hangs and unclear stops
-- expect: 130
-- run: timeout --preserve-status -s INT 1 "$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" --timeout 30
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "Interrupted" }
doc:paragraph("Saved, then interrupted.")
doc:save()
while true do end
