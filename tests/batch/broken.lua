-- broken.lua -- a script error at line 5, for the batch tests: the batch
-- goes on, exits 3, and the summary names this file and line.
local brief = require "brief"
local doc = brief.document{ title = "Broken" }
doc:headng("a misspelt method")
