-- A section of another template names the template it belongs to.
-- exit: 3
-- stderr: section.lua:6: document has no method 'key_points': it is a section of the 'briefing' template, and this document's template is 'anniversary'
local brief = require "brief"
local doc = brief.document{ title = "x", template = "anniversary" }
doc:key_points{ "one" }
