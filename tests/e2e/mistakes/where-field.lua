-- exit: 3
-- stderr: where-field.lua:4: where: events record has no field 'knd' (did you mean 'kind'?)
local rel = require "relations"
local summits = rel.events:where{ knd = "summit" }
