-- attack: close the document from the __tostring of a span's text while doc:paragraph converts it
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-span-text-tostring\.lua:(12|16): .*document is closed' "$ERR"

local brief = require "brief"
local doc = brief.document{ title = "Closed while a span is written" }
doc:paragraph("A paragraph the freed document held.")

local text = setmetatable({}, { __tostring = function()
  do local d <close> = doc end
  return "span text"
end })

doc:paragraph{ "plain ", { text = text, italic = true }, " after" }
doc:paragraph("never reached")
