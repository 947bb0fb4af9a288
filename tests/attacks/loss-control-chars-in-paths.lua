-- attack: an output path, a --set value and a script name holding ESC, CR and a bell: what brief prints about them must be escaped
-- class: loss and corruption
-- expect: 0
-- setup: cp "$SCRIPT" "$(printf 'e\033[31m\r\007')x.lua"
-- run: "$BRIEF" "$SCRIPT" -o "$OUT/$(printf 'o\033]0;t\007\r')x.pdf" --set "k=$(printf '\033[2J')" || exit
-- run: "$BRIEF" batch -j 1 --set "k=$(printf '\033[2J')" --summary "$OUT/s.json" "$CASE/$(printf 'e\033[31m\r\007')x.lua" || exit
-- run: mv "$OUT"/o*x.pdf "$OUT/x.pdf" && mv "$OUT"/reports/e*x-k-*.pdf "$OUT/reports/e.pdf"
-- writes: x.pdf reports/e.pdf s.json
-- check: jq -e '.succeeded == 1' s.json

local brief = require "brief"
local doc = brief.document{ title = "Paths with control characters: " .. brief.params.k }
doc:paragraph("a page")
