-- attack: require a module that is a FIFO in the script's folder: brief must not block opening or reading it
-- class: hangs and unclear stops
-- expect: 3
-- setup: mkfifo pipe.lua
-- message: hang-module-fifo.lua:9:
-- message: not a regular file
-- within: 20

local m = require "pipe"
print(m)
