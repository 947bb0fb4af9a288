-- The same warning fails the run with --strict, and nothing is written.
-- args: --strict
-- exit: 7
-- stderr: where-value-strict.lua:9: save: 1 warning with --strict: nothing written
local rel = require "relations"
local doc = (require "brief").document{ title = "Summits" }
local summits = rel.events:where{ kind = "Summit" }
doc:paragraph(#summits .. " summits")
doc:save()
