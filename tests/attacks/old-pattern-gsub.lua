-- attack: backtracking patterns in string.gsub, string.match and string.gmatch, each under pcall
-- class: older classes
-- expect: 6
-- message: stopped
-- args: -o "$OUT/x.pdf" --timeout 2 --max-memory 256
-- within: 30
-- forbid: crashed

local s = ("a"):rep(40)
local p = ("a*"):rep(30) .. "b"
pcall(string.match, s, p)
pcall(string.gsub, s, p, "x")
for m in s:gmatch(p) do print(m) end
