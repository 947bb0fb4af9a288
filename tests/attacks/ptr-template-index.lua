-- attack: close the document from a template table's __index while doc:name() looks a section up
-- class: C pointer across a Lua call
-- expect: 3
-- message: document is closed
-- check: grep -qE 'ptr-template-index\.lua:(12|13|19): .*document is closed' "$ERR"

local brief = require "brief"
local doc
local template = setmetatable({ base = "default" }, { __index = function(_, key)
  if key == "summary" then
    return function(d, text)
      do local closing <close> = doc end
      return d:paragraph(text)
    end
  end
end })
doc = brief.document{ title = "Closed by its own section", template = template }
doc:paragraph("A paragraph the freed document held.")
doc:summary("the section closes the document it is given, then uses it")
doc:paragraph("never reached")
