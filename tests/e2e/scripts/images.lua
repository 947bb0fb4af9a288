-- A PNG with an alpha channel over a tinted paragraph, and a progressive JPEG.
local brief = require "brief"
local doc = brief.document{ title = "Images" }
doc:heading("Images")
doc:paragraph("A PNG with transparency, then a JPEG photograph.")
doc:image("alpha.png", { width = 180, caption = "A disc with a soft edge" })
doc:image("photo.jpg", { width = 240, caption = "A progressive JPEG" })
doc:image("alpha.png", { width = 60, caption = "The same PNG again" })
doc:save()
