-- attack: close the document from a timeline entry's __index while doc:timeline reads its date
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-timeline-entry-index\.lua:(13|18): .*document is closed' "$ERR"

local brief = require "brief"
local doc = brief.document{ title = "Closed while an entry is dated" }
doc:paragraph("A paragraph the freed document held.")

local entry = setmetatable({}, { __index = function(_, key)
  if key == "date" or key == "year" then
    do local d <close> = doc end
    return "2024"
  end
end })

doc:timeline{ { year = 1989, label = "first" }, entry, { year = 2025, label = "last" } }
doc:paragraph("never reached")
