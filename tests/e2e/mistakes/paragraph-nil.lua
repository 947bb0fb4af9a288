-- A paragraph of nil (a field that was empty, say) is an error, not an empty paragraph.
-- exit: 3
-- stderr: paragraph-nil.lua:6: paragraph: expected text, got nil
local rel = require "relations"
local doc = (require "brief").document{ title = "x" }
doc:paragraph(rel.events:first{ kind = "summit" }.anniversary_of)
