-- load() of a binary chunk, given as a string or by a reader function, or
-- with mode 't' and an environment, returns nil and a message; text chunks
-- still load. (string.dump is removed; a chunk's header stands in for it.)
-- Run from the repository root: ./brief tests/lua/sandbox/binary_chunks_are_refused.lua
-- (it writes nothing; exit 0 when every check holds).
local function eq(a, b, what) if a ~= b then error(what .. ': ' .. tostring(a), 2) end end
local dumped = type(string.dump) == 'function' and string.dump(function() return 1 end)
  or '\27Lua\x54\0\x19\x93\r\n\x1a\n'
local f, err = load(dumped)
eq(f, nil, 'load of a binary chunk')
eq(err, "attempt to load a binary chunk (mode is 't')", 'its message')
local done = false
f, err = load(function() if not done then done = true return dumped end end)
eq(f, nil, 'load of a binary chunk from a reader')
f, err = load(dumped, 'x', 't', {})
eq(f, nil, 'load with mode t and an environment')
eq(load('return 41 + 1')(), 42, 'text chunks still load')
