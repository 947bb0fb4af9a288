-- attack: a backtracking pattern (40 a's against (a*)^30 b) that runs for ages inside string.find
-- class: older classes
-- expect: 6
-- message: time limit
-- args: -o "$OUT/x.pdf" --timeout 2 --max-memory 256
-- within: 30
-- forbid: crashed

print(("a"):rep(40):find(("a*"):rep(30) .. "b"))
