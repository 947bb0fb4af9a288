-- Each case tries something the sandbox must refuse.
local brief = require "brief"
local case = brief.params.case
local doc = brief.document{}
if case == "io" then io.open("/etc/passwd")
elseif case == "os_execute" then os.execute("true")
elseif case == "getenv" then os.getenv("HOME")
elseif case == "require_os" then require "os"
elseif case == "debug" then debug.getinfo(1)
elseif case == "dofile" then dofile("/etc/passwd")
elseif case == "gc" then setmetatable({}, { __gc = function() while true do end end })
elseif case == "binary" then assert(load("\27Lua\x54\0", "x", "b"))
elseif case == "rep" then local s = string.rep("x", 1 << 40)
end
doc:save()
