-- attack: swallow the limit in an xpcall message handler that loops in turn
-- class: older classes
-- expect: 6
-- message: stopped
-- args: -o "$OUT/x.pdf" --timeout 3 --max-memory 256 --max-instructions 100000
-- within: 30
-- forbid: crashed

print(xpcall(function() while true do end end, function() while true do end end))
while true do end
