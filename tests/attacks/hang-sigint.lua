-- attack: SIGINT to brief alone (not its worker) while its script loops after a save: exit 130, nothing written, no worker left
-- class: hangs and unclear stops
-- expect: 130
-- run: timeout --foreground --preserve-status -s INT 1 "$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" --timeout 30
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "Interrupted" }
doc:paragraph("Saved, then interrupted.")
doc:save()
while true do end
