-- attack: a script file that is a binary chunk (starts with "\27Lua")
-- class: older classes
-- expect: 3
-- setup: printf '\033LuaT\000\031\223\r\n\032\n\004\010\010xV\000\000\000\000\000\000\000\000\000\000\000(w@\001' >bin.lua
-- run: "$BRIEF" "$CASE/bin.lua" -o "$OUT/x.pdf"
-- message: bin.lua
-- message: binary chunks are not allowed
-- forbid: crashed

-- (the script run is bin.lua, made by setup)
