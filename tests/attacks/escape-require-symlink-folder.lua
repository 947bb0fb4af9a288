-- attack: require lib.secret where lib is a symbolic link in the script's folder to a folder outside
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE" lib
-- message: outside
-- forbid: the secret module

local secret = require "lib.secret"
print(secret)
