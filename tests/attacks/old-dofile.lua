-- attack: dofile of /etc/passwd
-- class: older classes
-- expect: 3
-- message: undefined variable 'dofile'
-- forbid: crashed

dofile("/etc/passwd")
