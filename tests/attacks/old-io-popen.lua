-- attack: io.popen running a command
-- class: older classes
-- expect: 3
-- message: undefined variable 'io'
-- forbid: crashed

local p = io.popen("touch ../outside/pwned")
print(p:read("a"))
