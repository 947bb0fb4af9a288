-- attack: close the document from a list item's __index while doc:list reads the item's fields
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-list-item-index\.lua:(12|16): .*document is closed' "$ERR"

local brief = require "brief"
local doc = brief.document{ title = "Closed while an item is read" }
doc:paragraph("A paragraph the freed document held.")

local item = setmetatable({}, { __index = function(_, key)
  do local d <close> = doc end
  return key == "text" and "an item" or nil
end })

doc:list{ "first", item, "last" }
doc:paragraph("never reached")
