-- exit: 3
-- stderr: sort-field.lua:4: sort: meetings record has no field 'yaer' (did you mean 'year'?)
local rel = require "relations"
local m = rel.meetings:sort("-yaer")
