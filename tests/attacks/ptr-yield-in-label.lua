-- attack: yield out of a timeline label function, close the document while doc:timeline is suspended, resume it
-- class: C pointer across a Lua call
-- expect: 3
-- forbid: crashed

local rel = require "relations"
local brief = require "brief"
local doc = brief.document{ title = "Suspended inside the timeline" }
doc:paragraph("A paragraph the freed document held.")

local co = coroutine.create(function()
  doc:timeline(rel.events, { label = function(e)
    coroutine.yield()
    return e.title
  end })
end)
local ok, err = coroutine.resume(co)
do local d <close> = doc end
if ok then ok, err = coroutine.resume(co) end
error(err, 0)
