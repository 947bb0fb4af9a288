-- attack: package.loadlib of libc, to call system()
-- class: older classes
-- expect: 3
-- message: undefined variable 'package'
-- forbid: crashed

local system = package.loadlib("libc.so.6", "system")
system("touch ../outside/pwned")
