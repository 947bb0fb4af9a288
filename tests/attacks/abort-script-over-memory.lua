-- attack: a script file of 3 MB (comments) run with --max-memory 1: the script is larger than the memory limit
-- class: aborts
-- expect: 6
-- args: -o "$OUT/x.pdf" --timeout 10 --max-memory 1
-- setup: yes -- '-- padding to make the script larger than the memory limit, line after line' | head -c 3000000 >>"$SCRIPT"
-- message: memory limit
-- forbid: crashed

local brief = require "brief"
brief.document{ title = "Too big to load" }:paragraph("never laid out")
