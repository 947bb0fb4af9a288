-- Fixed column widths far wider than the page: the last column lies
-- entirely beyond the paper's edge.
local brief = require "brief"
local doc = brief.document{}
doc:paragraph("Before the table.")
doc:table{ columns = { { title = "Year", width = 300 }, { title = "Event", width = 400 },
                       { title = "Place", width = 400 } },
           rows = { { "1989", "Sectoral dialogue relations", "FARAWAYPLACE Jakarta" } } }
doc:paragraph("After the table.")
doc:save()
