-- attack: SIGKILL to brief (the parent) while its script loops: the worker must die with it
-- class: hangs and unclear stops
-- expect: 137
-- run: "$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" --timeout 30 & pid=$!
-- run: sleep 1; kill -KILL $pid; wait $pid; status=$?
-- run: sleep 1; rm -rf "$TMPDIR"/* "$TMPDIR"/.[!.]*   # a killed parent cannot clean up: excused
-- run: exit $status
-- within: 20

local brief = require "brief"
local doc = brief.document{ title = "Killed" }
doc:paragraph("Saved, then killed.")
doc:save()
while true do end
