-- attack: a script error whose text is a 20 KB Korean string: no character may be cut in two on stderr or in the summary
-- class: hangs and unclear stops
-- expect: 3
-- run: "$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" && exit 99
-- run: "$BRIEF" batch -j 1 --summary "$OUT/s.json" "$SCRIPT"
-- message: 한국어
-- writes: s.json
-- check: jq -e '.results[0].error.message | test("한국어")' s.json
-- check: iconv -f UTF-8 -t UTF-8 s.json >/dev/null

-- 20,000 bytes of three-byte characters: any cut at a fixed byte count
-- that ignores characters leaves half of one behind
error(("한국어 오류 메시지, "):rep(690))
