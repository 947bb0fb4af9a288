-- attack: brief batch --summary naming the very PDF a script of the batch writes (reports/NAME.pdf)
-- class: loss and corruption
-- expect: 2 5
-- run: "$BRIEF" batch -j 1 --summary "reports/$NAME.pdf" "$SCRIPT"
-- message: reports/loss-summary-over-output.pdf
-- check: [ ! -e "reports/$NAME.pdf" ] || head -c 5 "reports/$NAME.pdf" | grep -q '%PDF-'

-- Either the PDF or the summary is lost when both are written: brief must
-- refuse the command line, or fail, and leave neither half-done.
local brief = require "brief"
brief.document{ title = "A PDF the summary would replace" }:paragraph("a page")
