local doc = require("brief").document{ title = "W" }
doc:paragraph("x1")
doc:save()
