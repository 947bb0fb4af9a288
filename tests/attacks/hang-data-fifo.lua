-- attack: --data a copy of the dataset whose events.csv is a FIFO: brief must not block reading it
-- class: hangs and unclear stops
-- expect: 4
-- setup: cp -R "$DATA" data && rm data/events.csv && mkfifo data/events.csv
-- args: -o "$OUT/x.pdf" --data "$CASE/data" --timeout 10 --max-memory 256
-- message: events.csv
-- message: not a regular file
-- within: 20

local rel = require "relations"
print(#rel.events)
