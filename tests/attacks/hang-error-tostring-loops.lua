-- attack: an error value whose __tostring loops forever, run while brief turns the error into its message
-- class: hangs and unclear stops
-- expect: 3 6
-- args: -o "$OUT/x.pdf" --timeout 5 --max-memory 256 --max-instructions 100000
-- message: hang-error-tostring-loops.lua
-- forbid: crashed
-- within: 30

error(setmetatable({}, { __tostring = function() while true do end end }))
