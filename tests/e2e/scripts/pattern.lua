-- Backtracking inside one C call: the count hook cannot fire there, the
-- wall-clock deadline must.
local s = ("a"):rep(40)
print(s:find(("a*"):rep(30) .. "b"))
