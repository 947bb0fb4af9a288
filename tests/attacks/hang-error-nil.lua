-- attack: error() with no value, and error(nil): a failure with nothing to say
-- class: hangs and unclear stops
-- expect: 3
-- message: hang-error-nil.lua:
-- message: nil

local brief = require "brief"
brief.document{ title = "Nothing to say" }:save()
error()
