-- attack: require a module that is a symbolic link in the script's folder to a Lua file outside every allowed folder
-- class: escapes
-- expect: 3
-- setup: ln -s "$OUTSIDE/secret.lua" secret.lua
-- message: outside
-- forbid: the secret module

local secret = require "secret"
print(secret)
