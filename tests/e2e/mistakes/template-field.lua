-- A template reading fields of several collections stays quiet (rel.field).
-- exit: 0
-- stderr: template-field.pdf: 1 page
local rel = require "relations"
local doc = (require "brief").document{ title = "x", template = "briefing" }
doc:milestones(rel.meetings:between(2009, 2010))
