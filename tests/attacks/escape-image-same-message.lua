-- attack: tell existing from missing files outside the allowed folders by doc:image's message (absolute, .., a link, a link to a folder)
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE/secret.txt" there.png; ln -s "$OUTSIDE/nothing-here.png" gone.png; ln -s "$OUTSIDE" pics; ln -s / root
-- run: status=3
-- run: for pair in "$OUTSIDE/secret.txt $OUTSIDE/nothing-here.png" "../outside/secret.txt ../outside/nothing-here.png" "there.png gone.png" "pics/secret.txt pics/nothing-here.png" "root/etc/passwd root/etc/nothing-here" "/etc/passwd /etc/nothing-here"; do
-- run:   set -- $pair
-- run:   one=$("$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" --set p="$1" 2>&1 >/dev/null); r1=$?
-- run:   two=$("$BRIEF" "$SCRIPT" -o "$OUT/x.pdf" --set p="$2" 2>&1 >/dev/null); r2=$?
-- run:   printf '%s\n%s\n' "$one" "$two" >&2
-- run:   a=$(printf '%s' "$one" | sed "s|'[^']*'|'PATH'|g"); b=$(printf '%s' "$two" | sed "s|'[^']*'|'PATH'|g")
-- run:   if [ "$a" != "$b" ] || [ "$r1" != "$r2" ]; then echo "DIFFERENT for $1 ($r1) and $2 ($r2)" >&2; status=98; fi
-- run:   [ "$r1" = 3 ] || status=97
-- run: done
-- run: exit $status
-- message: outside
-- forbid: DIFFERENT

local brief = require "brief"
local doc = brief.document{ title = "Probing outside" }
doc:image(brief.params.p)
