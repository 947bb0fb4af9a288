-- attack: close the document from a timeline label function while doc:timeline holds it
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-timeline-label\.lua:(12|13): .*document is closed' "$ERR"

local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Closed under the timeline" }
doc:paragraph("A paragraph the freed document held.")

doc:timeline(rel.events, { label = function(e)
  do local d <close> = doc end
  return e.title
end })
doc:paragraph("never reached")
