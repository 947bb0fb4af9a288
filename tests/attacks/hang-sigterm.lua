-- attack: SIGTERM to brief while its script loops after a save: exit 143, nothing written, no temporary file, no worker left
-- class: hangs and unclear stops
-- expect: 143
-- run: "$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" --timeout 30 & pid=$!
-- run: sleep 1; kill -TERM $pid; wait $pid
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "Interrupted" }
doc:paragraph("Saved, then interrupted.")
doc:save()
doc:save("second.pdf")
while true do end
