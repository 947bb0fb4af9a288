-- attack: a script holding a 3 MB long string literal, run with --max-memory 1
-- class: aborts
-- expect: 6
-- args: -o "$OUT/x.pdf" --timeout 10 --max-memory 1
-- setup: { yes -- 'a long string larger than the memory limit, line after line' | head -c 3000000; echo ']]'; } >>"$SCRIPT"
-- message: memory limit
-- forbid: crashed

local brief = require "brief"
brief.document{ title = "Too big to load" }:paragraph("never laid out")
local s = [[
