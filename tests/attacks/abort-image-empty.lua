-- attack: doc:image of an empty file and of a text file, both named .png
-- class: aborts
-- expect: 3
-- setup: : >empty.png
-- message: image:
-- message: empty.png
-- forbid: crashed

local brief = require "brief"
local doc = brief.document{ title = "Not images" }
doc:paragraph("Neither file below is an image.")
local ok, err = pcall(doc.image, doc, "abort-image-empty.lua")
assert(not ok and err:find("image:", 1, true), "a Lua file was taken for an image")
doc:image("empty.png")
doc:save()
