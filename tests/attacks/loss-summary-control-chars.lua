-- attack: a batch script fails with an error full of invalid UTF-8 and control characters; --summary must stay valid JSON
-- class: loss and corruption
-- expect: 3
-- setup: printf 'error(setmetatable({}, { __tostring = function() return "\\0\\27]0;title\\7\\r\\8\\127\\194\\155\\255" end }))\n' >table.lua
-- run: "$BRIEF" batch -j 2 --summary "$OUT/s.json" "$SCRIPT" "$CASE/table.lua"
-- writes: s.json
-- check: jq -e '.scripts == 2 and .failed == 2' s.json
-- check: jq -e '.results[0].error_text | test("loss-summary-control-chars.lua:")' s.json
-- check: ! LC_ALL=C grep -q "$(printf '\033')" s.json
-- check: iconv -f UTF-8 -t UTF-8 s.json >/dev/null

error("\xff\xfe\27[31m\7 red and a bell, \xc3\x28 and \xed\xa0\x80 and \xf4\x90\x80\x80\r\n\27]0;title\7")
