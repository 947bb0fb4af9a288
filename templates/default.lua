-- default.lua -- brief's house style: serif body, sans headings, navy accent,
-- "Page X of Y" in the footer. Other templates name it as their base.
return {
  paper = "A4",
  body = { font = "serif", size = 10.5, leading = 14.5, align = "justify" },
  headings = { font = "sans", sizes = { 16, 13, 11 }, color = "#173966", numbered = true },
  title = { font = "sans", size = 24, color = "#173966" },
  accent = "#173966",
  muted = "#666b73",
  header = { right = "{title}", size = 8.5, color = "#666b73", rule = true },
  footer = { center = "Page {page} of {pages}", size = 8.5, color = "#666b73" },
}
