-- attack: two scripts of a batch writing the same PDF (one saves b.pdf, the other's default output is reports/b.pdf)
-- class: loss and corruption
-- expect: 5
-- setup: printf 'local b = require "brief"\nb.document{ title = "from b" }:paragraph("b")\n' >b.lua
-- run: "$BRIEF" batch -j 2 --summary "$OUT/s.json" "$SCRIPT" "$CASE/b.lua"
-- writes: reports/b.pdf s.json
-- message: reports/b.pdf
-- check: jq -e '.succeeded == 1 and .failed == 1' s.json
-- check: case $(jq -r '.results[] | select(.status == "ok") | .script' s.json) in */b.lua) t="from b" ;; *) t="from a" ;; esac; pdftotext reports/b.pdf - | grep -q "$t"

local brief = require "brief"
local doc = brief.document{ title = "from a" }
doc:paragraph("a")
doc:save("b.pdf")
