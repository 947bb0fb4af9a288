-- attack: string.dump (gone) to make a binary chunk to load
-- class: older classes
-- expect: 3
-- message: dump
-- forbid: crashed

assert(string.dump == nil and ("").dump == nil, "string.dump is there")
local dump = string.dump(function() return 1 end)
print(#dump)
