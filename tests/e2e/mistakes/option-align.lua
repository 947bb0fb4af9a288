-- exit: 3
-- stderr: option-align.lua:4: paragraph: unknown option 'allign' (did you mean 'align'?)
local doc = (require "brief").document{ title = "x" }
doc:paragraph("text", { allign = "left" })
