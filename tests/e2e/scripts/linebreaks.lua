-- linebreaks = "simple", given (--set where=...) by the paragraph ("para"),
-- by the template's body ("template") or not at all ("none"); a misspelt
-- value in the paragraph ("badpara") or in the template ("badtemplate").
-- --set align=left sets the text ragged instead of justified.
local brief = require "brief"
local where = brief.params.where
local doc = brief.document{ template = { base = "default",
	margins = { left = 180, right = 180 }, footer = { center = "" },
	body = { linebreaks = (where == "template" and "simple") or
	                      (where == "badtemplate" and "simpel") or nil } } }
local text = "Dialogue relations began in 1989 and grew into a strategic partnership; \z
	the partners meet every year, review cooperation in trade, culture and security, \z
	and agree on a plan of action for the next five years, which the secretariat \z
	then follows up in detail with every member state."
doc:paragraph(text, { align = brief.params.align,
                      linebreaks = (where == "para" and "simple") or
                                   (where == "badpara" and "Simple") or nil })
doc:save()
