-- A --set value the script never reads is a warning at the line reading the name it likely meant.
-- args: --set form=2010
-- exit: 0
-- stderr: param.lua:6: warning: parameter 'form' (--set form=2010) is never read; this line reads brief.params.from: did you mean --set from=2010?
local brief = require "brief"
local from = tonumber(brief.params.from or "1989")
local doc = brief.document{ title = "Since " .. from }
