-- attack: deep recursion through C functions (pcall and string.gsub callbacks) to overflow the C stack
-- class: older classes
-- expect: 3
-- message: stack overflow
-- forbid: crashed

local function f() return select(2, pcall(f)) end
print(pcall(f))
local function g(s) return (s:gsub(".", g)) end
print(g("x"))
