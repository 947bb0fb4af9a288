-- attack: reach package, io or debug through require, _ENV, _G and the string metatable
-- class: older classes
-- expect: 3
-- message: nothing reached
-- forbid: crashed

for _, name in ipairs{ "package", "io", "debug", "os", "_G", "string", "coroutine" } do
  local ok, m = pcall(require, name)
  assert(not ok or type(m) ~= "table" or (m.loadlib == nil and m.popen == nil and m.getinfo == nil and m.execute == nil),
         "require gave " .. name)
end
assert(rawget(_G, "package") == nil and rawget(_ENV, "io") == nil and rawget(_G, "debug") == nil)
assert(getmetatable("") == false or getmetatable("") == nil or getmetatable("").__index.dump == nil)
error("nothing reached")
