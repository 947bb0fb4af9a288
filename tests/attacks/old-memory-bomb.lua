-- attack: a memory bomb: a table of ever more 1 MB strings
-- class: older classes
-- expect: 6
-- message: memory limit
-- forbid: crashed

local t = {}
for i = 1, math.huge do t[i] = ("x"):rep(1 << 20) .. i end
