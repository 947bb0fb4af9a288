-- A script error: the message names this file and line 4.
local brief = require "brief"
local doc = brief.document{ title = "Broken" }
doc:headng("typo")
doc:save()
