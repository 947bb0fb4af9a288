-- exit: 3
-- stderr: template.lua:3: document: unknown template 'briefng' (did you mean 'briefing'? templates: anniversary, briefing, default)
local doc = (require "brief").document{ title = "x", template = "briefng" }
