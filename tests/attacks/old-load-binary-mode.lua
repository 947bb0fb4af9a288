-- attack: load with mode "b" and "bt" of a hand-made binary chunk
-- class: older classes
-- expect: 3
-- message: binary chunks are not allowed
-- forbid: crashed

local chunk = "\27LuaT\0\25\147\r\n\26\n\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@\1"
assert(not pcall(load, chunk, "x", "bt"))
load(chunk, "x", "b")
