-- A query value no record has is a warning naming the values there are.
-- exit: 0
-- stderr: where-value.lua:6: warning: where{kind = "Summit"}: no events record has kind "Summit"; did you mean "summit"?
local rel = require "relations"
local doc = (require "brief").document{ title = "Summits" }
local summits = rel.events:where{ kind = "Summit" }
doc:paragraph(#summits .. " summits")
