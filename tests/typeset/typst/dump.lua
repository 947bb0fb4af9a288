-- dump.lua -- runs one of brief's shipped scripts with every document call
-- recorded, and prints the document as Typst source for brief.typ: the same
-- headings, paragraphs, lists, tables, timeline, chart and contents, in the
-- same order, with the text exactly as the script wrote it (inline markup
-- included; brief.typ's md() reads it). The sources list is filled in by
-- brief at save time, out of the script's sight: it is printed as a
-- placeholder, `sources: none`, for gen.js to fill from brief's own PDF.
--
-- Run by gen.js, from a folder that holds this file and a copy of the script
-- named script_<name>.lua (a copy named like the template would be shadowed
-- by it):
--   ./brief DIR/dump.lua --set script=anniversary --set year=2024 -o OUT.pdf
local brief = require "brief"

local name = brief.params.script or error("dump.lua: --set script=NAME is required", 0)

-- ---- values as Typst literals ---------------------------------------------------

local function str(s)
  s = tostring(s):gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n'):gsub('\t', '\\t')
  return '"' .. s .. '"'
end

-- Typst keywords cannot be bare keys of a dictionary
local keyword = {}
for w in ("and as auto break context continue else false for if import in include let "
          .. "none not or return set show true while"):gmatch("%S+") do
  keyword[w] = true
end
local function key(k)
  k = tostring(k)
  if k:match("^[%a_][%w_%-]*$") and not keyword[k] then return k end
  return str(k)
end

local function is_seq(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n == #t
end

-- brief's text values: nil is empty, numbers print as digits, booleans
-- as yes/no; relations lists and collections are read by index.
local function ty(v, indent)
  indent = indent or ""
  local t = type(v)
  if v == nil then return '""' end
  if t == "string" then return str(v) end
  if t == "number" then
    if math.type(v) == "float" and v == math.floor(v) then return str(string.format("%d", v)) end
    return str(tostring(v))
  end
  if t == "boolean" then return str(v and "yes" or "no") end
  if t == "userdata" then           -- a relations list or collection: its items
    local out = {}
    for i = 1, #v do out[i] = v[i] end
    return ty(out, indent)
  end
  if t == "table" then
    local inner = indent .. "  "
    local parts = {}
    if is_seq(v) then
      if #v == 0 then return "()" end
      for i = 1, #v do parts[i] = inner .. ty(v[i], inner) .. "," end
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
      for _, k in ipairs(keys) do
        parts[#parts + 1] = inner .. key(k) .. ": " .. ty(v[k], inner) .. ","
      end
      if #parts == 0 then return "(:)" end
    end
    -- short and flat: on one line (a one-item array keeps its comma)
    local flat = {}
    for i, p in ipairs(parts) do flat[i] = (p:gsub("^%s+", "")) end
    local body = table.concat(flat, " ")
    if not (is_seq(v) and #v == 1) then body = body:sub(1, -2) end
    local line = "(" .. body .. ")"
    if #line <= 96 and not line:find("\n") then return line end
    return "(\n" .. table.concat(parts, "\n") .. "\n" .. indent .. ")"
  end
  return str(tostring(v))
end

-- ---- the recording document -------------------------------------------------------

local blocks = {}
local function record(kind, fields)
  fields.kind = kind
  blocks[#blocks + 1] = fields
end

-- A list item that is a table without `text` is the nested list of the item
-- before it: written as (text: ..., sub: (...)).
local function list_items(items)
  local out = {}
  for i = 1, #items do
    local it = items[i]
    if type(it) == "table" and it.text == nil then
      out[#out].sub = list_items(it)
    elseif type(it) == "table" then
      out[#out + 1] = { text = it.text, bold = it.bold, italic = it.italic }
    else
      out[#out + 1] = { text = it }
    end
  end
  return out
end

local primitive = {
  heading = function(text, level) record("heading", { text = text, level = level or 1 }) end,
  paragraph = function(text, opts)
    opts = opts or {}
    record("paragraph", { text = text, align = opts.align, size = opts.size })
  end,
  list = function(items, opts)
    local t = {}
    for i = 1, #items do t[i] = items[i] end
    record("list", { items = list_items(t), ordered = opts and opts.ordered or nil })
  end,
  table = function(spec)
    local cols = {}
    for i, c in ipairs(spec.columns) do
      cols[i] = type(c) == "table" and { title = c.title, width = c.width, align = c.align }
                or { title = c }
    end
    local rows = {}
    for r = 1, #spec.rows do
      local row, cells = spec.rows[r], {}
      for j = 1, #cols do cells[j] = row[j] == nil and "" or row[j] end   -- nil: an empty cell
      rows[r] = cells
    end
    record("table", { columns = cols, rows = rows, caption = spec.caption })
  end,
  chart = function(spec)
    local series = {}
    for i, s in ipairs(spec.series) do
      local vals = {}
      for k = 1, #s.values do vals[k] = s.values[k] end
      series[i] = { name = s.name, values = vals }
    end
    local labels = {}
    for i = 1, #spec.labels do labels[i] = spec.labels[i] end
    record("chart", { type = spec.type, title = spec.title, unit = spec.unit, labels = labels,
                      series = series })
  end,
  timeline = function(entries, opts)
    local out = {}
    for i = 1, #entries do
      local e = entries[i]
      out[i] = { date = e.date or e.year, label = e.title or e.name or e.label }
    end
    record("timeline", { entries = out, title = opts and opts.title })
  end,
  contents = function() record("contents", {}) end,
  sources = function() record("sources", {}) end,
  page_break = function() record("page_break", {}) end,
}

local meta
local document = brief.document
brief.document = function(opts)
  meta = opts
  local real = document(opts)
  local proxy = {}
  setmetatable(proxy, { __index = function(_, k)
    if primitive[k] then
      return function(_, ...)
        primitive[k](...)
        real[k](real, ...)
        return proxy
      end
    end
    local f = real[k]
    if type(f) == "function" then   -- a template's section: it calls the primitives
      return function(self, ...)
        local r = f(self == proxy and proxy or self, ...)
        return r == real and proxy or r
      end
    end
    return f
  end })
  return proxy
end

require("script_" .. name)

-- ---- the template's style -------------------------------------------------------

local tname = meta.template or "default"
local tpl = require(tname)
local style = {}
for _, k in ipairs { "paper", "margins", "body", "headings", "title", "table", "accent",
                     "muted", "header", "footer", "contents_title" } do
  style[k] = tpl[k]
end

print("// " .. name .. ".typ -- scripts/" .. name .. ".lua as brief lays it out, set by Typst.")
print("// Written by tests/typeset/typst/gen.js (dump.lua); the sources list is")
print("// copied from brief's PDF. Do not edit by hand: run gen.js again.")
print('#import "brief.typ": briefing')
print("#briefing(")
print("  style: " .. ty(style, "  ") .. ",")
print("  meta: " .. ty({ title = meta.title, subtitle = meta.subtitle, author = meta.author,
                         date = meta.date }, "  ") .. ",")
print("  blocks: " .. ty(blocks, "  ") .. ",")
print("  sources: none,")
print(")")
