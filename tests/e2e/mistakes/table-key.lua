-- Rows of plain tables: a key no row has is a warning naming the nearest key.
-- exit: 0
-- stderr: table-key.lua:5: warning: table column 1: no row has a value for key 'naem' (did you mean 'name'?)
local doc = (require "brief").document{ title = "x" }
doc:table{ columns = { { title = "Name", key = "naem" }, { title = "Value", key = "value" } },
  rows = { { name = "KASI", value = 1 }, { name = "KADIF", value = 2 } } }
