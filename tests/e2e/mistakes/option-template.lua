-- exit: 3
-- stderr: option-template.lua:3: document: unknown option 'templte' (did you mean 'template'?)
local doc = (require "brief").document{ title = "x", templte = "briefing" }
