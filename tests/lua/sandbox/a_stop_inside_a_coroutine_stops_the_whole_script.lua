-- The stop holds in every coroutine: once a coroutine has been stopped by
-- the instruction limit, the main script cannot carry on by catching the
-- stop each time it comes (it would print "still running").
-- Run from the repository root, and see the error at the marked line:
--   ./brief tests/lua/sandbox/a_stop_inside_a_coroutine_stops_the_whole_script.lua --max-instructions 1000000
local co = coroutine.wrap(function() while true do end end)  --> error: stopped: instruction limit of 1000000 exceeded (raise it with --max-instructions)
pcall(co)
local n = 0
while true do
  n = n + 1
  if n % 100000 == 0 then print('still running after ' .. n .. ' pcalls') end
  pcall(function() for i = 1, 100 do end end)
end
