-- attack: load (default mode) of a hand-made "\27Lua" string, directly and through a reader function
-- class: older classes
-- expect: 3
-- message: binary chunk
-- forbid: crashed

local chunk = "\27LuaT\0\25\147\r\n\26\n\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@\1"
local parts = { chunk:sub(1, 1), chunk:sub(2) }
local f, err = load(function() return table.remove(parts, 1) end)
assert(f == nil, "a binary chunk was loaded by a reader")
assert(load(chunk))
