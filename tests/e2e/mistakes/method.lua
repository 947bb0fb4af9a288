-- exit: 3
-- stderr: method.lua:4: document has no method 'paragrph' (did you mean 'paragraph'?)
local doc = (require "brief").document{ title = "x" }
doc:paragrph("x")
