-- attack: --data a copy of the dataset whose events.csv is a symbolic link to /dev/zero (endless bytes: read whole, a gigabyte a second)
-- class: hangs and unclear stops
-- expect: 4
-- setup: cp -R "$DATA" data && rm data/events.csv && ln -s /dev/zero data/events.csv
-- args: -o "$OUT/x.pdf" --data "$CASE/data" --timeout 10 --max-memory 256
-- message: events.csv
-- within: 20

local rel = require "relations"
print(#rel.events)
