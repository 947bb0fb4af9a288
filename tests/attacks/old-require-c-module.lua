-- attack: require of C module names (socket.core, lpeg) and of a shared object placed in the script folder
-- class: older classes
-- expect: 3
-- message: not found
-- setup: cp /bin/true evil.so && cp /bin/true evil.lua.so
-- forbid: crashed

local ok, err = pcall(require, "lpeg")
assert(not ok, "lpeg loaded")
assert(not pcall(require, "evil"), "a shared object was loaded")
require "socket.core"
