-- attack: a memory bomb that catches the memory error with pcall and keeps allocating
-- class: older classes
-- expect: 6
-- message: memory limit
-- forbid: crashed

local t = {}
for round = 1, 1000 do
  pcall(function() for i = 1, math.huge do t[#t + 1] = { i, i, i, i } end end)
end
print(#t)
