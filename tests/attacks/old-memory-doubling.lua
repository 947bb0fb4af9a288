-- attack: a string doubled until it does not fit (s = s .. s)
-- class: older classes
-- expect: 6
-- message: memory limit
-- forbid: crashed

local s = "x"
while true do s = s .. s end
