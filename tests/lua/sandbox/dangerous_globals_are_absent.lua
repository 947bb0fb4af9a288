-- The globals a script must not have (io, package, debug, dofile, loadfile,
-- and os beyond time, date, clock and difftime) are not hidden where it
-- could still reach them with rawget, and the string metatable is protected.
-- Run from the repository root: ./brief tests/lua/sandbox/dangerous_globals_are_absent.lua
-- (it writes nothing; exit 0 when every check holds).
for _, k in ipairs{'io', 'package', 'debug', 'dofile', 'loadfile'} do
  assert(rawget(_G, k) == nil, k)
end
for _, k in ipairs{'execute', 'getenv', 'exit', 'remove', 'rename', 'tmpname'} do
  assert(rawget(os, k) == nil, 'os.' .. k)
end
assert(getmetatable('') == false, 'the string metatable is protected')
