-- attack: a memory bomb that catches the memory error with pcall, keeps allocating, then allocates unprotected
-- class: older classes
-- expect: 6
-- message: memory limit
-- forbid: crashed

local t = {}
for round = 1, 20 do
  pcall(function() for i = 1, math.huge do t[#t + 1] = { i, i, i, i } end end)
end
print(#t)
-- the memory is still held: this allocation must stop the run
t[#t + 1] = ("y"):rep(1 << 24)
print("allocated past the limit", #t)
