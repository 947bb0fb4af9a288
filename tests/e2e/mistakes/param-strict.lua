-- args: --set form=2010 --strict
-- exit: 7
-- stderr: param-strict.lua: 1 warning with --strict: nothing written
local brief = require "brief"
local from = tonumber(brief.params.from or "1989")
local doc = brief.document{ title = "Since " .. from }
doc:save()
