-- The document's language, from --set lang=ko|en|fr; without it, no lang
-- field (the default).
local brief = require "brief"
local doc = brief.document{ lang = brief.params.lang }
doc:paragraph("한국–아세안 대화 관계 and the ASEAN dialogue.")
doc:save()
