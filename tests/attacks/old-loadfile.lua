-- attack: loadfile of /etc/passwd
-- class: older classes
-- expect: 3
-- message: undefined variable 'loadfile'
-- forbid: crashed

print(loadfile("/etc/passwd"))
