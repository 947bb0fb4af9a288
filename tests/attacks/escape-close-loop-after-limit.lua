-- attack: a to-be-closed variable whose __close loops, run while the instruction limit stops the script
-- class: escapes
-- expect: 6
-- args: -o "$OUT/x.pdf" --timeout 10 --max-memory 256 --max-instructions 100000
-- message: instruction limit
-- within: 30

local guard <close> = setmetatable({}, { __close = function()
  while true do end
end })
while true do end
