-- math.random has a fixed seed: the same numbers in every run (the test
-- runs it twice and compares what it prints), and math.randomseed() with
-- no argument starts the sequence again.
-- Run from the repository root: ./brief tests/lua/sandbox/math_random_repeats_across_runs.lua
local a = {}
for i = 1, 8 do a[i] = math.random(1, 1000000000) end
a[#a + 1] = string.format('%.17g', math.random())
math.randomseed()
assert(math.random(1, 1000000000) == a[1], 'randomseed() restarts the sequence')
print(table.concat(a, ' '))
