-- Prints every global and library function a script sees, sorted, on one
-- line: the test compares it with the sandbox's allow-list
-- (src/script/sandbox.c), so that a library added by accident shows.
-- Run from the repository root: ./brief tests/lua/sandbox/the_globals_are_exactly_the_allow_list.lua
local names = {}
for k, v in pairs(_G) do
  if type(v) == 'table' and k ~= '_G' then
    for f in pairs(v) do names[#names + 1] = k .. '.' .. f end
  else names[#names + 1] = k end
end
table.sort(names)
print(table.concat(names, ' '))
