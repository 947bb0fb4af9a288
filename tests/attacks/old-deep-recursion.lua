-- attack: deep recursion: a function that calls itself forever
-- class: older classes
-- expect: 3
-- message: stack overflow
-- forbid: crashed

local function f(n) return 1 + f(n + 1) end
print(f(1))
