-- attack: escape the instruction limit with short coroutines, each dead before the count hook (every 1000 instructions) fires in it
-- class: older classes
-- expect: 6
-- message: stopped
-- args: -o "$OUT/x.pdf" --timeout 5 --max-memory 256 --max-instructions 100000
-- within: 30
-- forbid: crashed

while true do
  coroutine.wrap(function() for i = 1, 300 do end end)()
end
