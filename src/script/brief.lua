-- brief.lua -- the Lua half of require "brief", compiled into the binary.
-- The C half (lbrief.c) has made the module table and passes it in.
local brief = ...

local function lookup(vars, path)
  local v = vars
  for part in path:gmatch("[^%.]+") do
    if type(v) ~= "table" and type(v) ~= "userdata" then return nil end
    v = v[part]
  end
  return v
end

--- brief.format(str, vars): replaces "{name}" (or "{a.b}") with vars.name;
--- "{{" and "}}" stand for braces. A placeholder without a value is an error.
function brief.format(str, vars)
  if type(str) ~= "string" then
    error("bad argument #1 to 'format' (string expected, got " .. type(str) .. ")", 2)
  end
  if vars ~= nil and type(vars) ~= "table" and type(vars) ~= "userdata" then
    error("bad argument #2 to 'format' (table expected, got " .. type(vars) .. ")", 2)
  end
  vars = vars or {}
  local missing
  local out = str:gsub("{{", "\1"):gsub("}}", "\2"):gsub("{([%w_%.]+)}", function(key)
    local v = lookup(vars, key)
    if v == nil then
      missing = missing or key
      return ""
    end
    return tostring(v)
  end):gsub("\1", "{"):gsub("\2", "}")
  if missing then
    error("brief.format: no value for {" .. missing .. "}", 2)
  end
  return out
end

--- brief.join(list, sep, last): "a, b and c".
function brief.join(list, sep, last)
  sep = sep or ", "
  local n = #list
  local out = {}
  for i = 1, n do out[i] = tostring(list[i]) end
  if last and n > 1 then
    return table.concat(out, sep, 1, n - 1) .. last .. out[n]
  end
  return table.concat(out, sep)
end

return brief
