-- attack: doc:image of an existing file outside every allowed folder, by absolute path
-- class: escapes
-- expect: 3
-- args: -o "$OUT/x.pdf" --timeout 10 --max-memory 256 --set outside="$OUTSIDE"
-- message: image:
-- message: outside
-- forbid: No such file
-- forbid: no such file

local brief = require "brief"
local doc = brief.document{ title = "A picture from outside" }
doc:image((brief.params.outside or "") .. "/secret.txt")
doc:save()
