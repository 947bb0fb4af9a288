-- attack: doc:image of a valid but awkward PNG (depth16.png), which libharu would write corrupt or refuse
-- class: aborts
-- expect: 0 3
-- setup: cp "$FILES/depth16.png" .
-- writes: x.pdf?
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "An awkward image" }
doc:image("depth16.png", { width = 100 })
doc:save()
