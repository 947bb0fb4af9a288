-- attack: SIGTERM to brief batch while two looping scripts run at once: exit 143, nothing written, no worker left
-- class: hangs and unclear stops
-- expect: 143
-- setup: mkdir b && cp "$SCRIPT" b/
-- run: "$BRIEF" batch -j 2 --timeout 30 --summary "$OUT/s.json" "$SCRIPT" "$CASE/b/$NAME.lua" & pid=$!
-- run: sleep 1; kill -TERM $pid; wait $pid
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "Interrupted" }
doc:paragraph("Saved, then interrupted.")
doc:save()
while true do end
