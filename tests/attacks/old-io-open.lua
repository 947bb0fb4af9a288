-- attack: io.open writing a file outside
-- class: older classes
-- expect: 3
-- message: undefined variable 'io'
-- forbid: crashed

local f = io.open("../outside/pwned", "w")
f:write("pwned")
