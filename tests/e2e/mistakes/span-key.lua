-- exit: 3
-- stderr: span-key.lua:4: paragraph, span 2: unknown option 'bld' (did you mean 'bold'?)
local doc = (require "brief").document{ title = "x" }
doc:paragraph{ "Trade ", { text = "grew", bld = true } }
