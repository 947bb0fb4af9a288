-- attack: string.rep of a result larger than memory (2^40 bytes, and with a separator)
-- class: older classes
-- expect: 3
-- message: string.rep
-- forbid: crashed

assert(not pcall(string.rep, "x", 1 << 27, ("y"):rep(1 << 10)), "a 128 GiB string.rep was accepted")
local s = ("x"):rep(1 << 40)
print(#s)
