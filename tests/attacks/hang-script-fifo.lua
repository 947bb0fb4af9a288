-- attack: a script that is itself a FIFO: brief must refuse it, not wait for a writer
-- class: hangs and unclear stops
-- expect: 2
-- setup: mkfifo pipe.lua
-- run: "$BRIEF" "$CASE/pipe.lua" -o "$OUT/x.pdf"
-- message: pipe.lua
-- message: not a regular file
-- within: 20

-- (the script run is pipe.lua, made by setup)
