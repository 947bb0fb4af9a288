-- attack: close the document in a label function, catch the error with pcall, then save the closed document
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-caught-then-used\.lua:(19|20): .*document is closed' "$ERR"

local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Used after it was closed" }
doc:paragraph("A paragraph the freed document held.")

local ok, err = pcall(doc.timeline, doc, rel.events, { label = function(e)
  do local d <close> = doc end
  return e.title
end })
assert(not ok and tostring(err):find("document is closed", 1, true), "the close went unnoticed")
-- the document is closed: every use must say so, never touch freed memory
print(tostring(doc))
doc:paragraph("after the caught error")
doc:save()
