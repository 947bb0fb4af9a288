-- attack: require modules by names that climb out of the script's folder or name an absolute file
-- class: escapes
-- expect: 3
-- message: escape-require-names.lua:13:
-- forbid: the secret module

for _, name in ipairs{ "..outside.secret", "../outside/secret", "/etc/passwd", ".hidden",
                       "a..b", "outside\0x", "" } do
  local ok, err = pcall(require, name)
  assert(not ok, "require accepted " .. name)
end
-- the last one is not caught
local secret = require "../outside/secret"
print(secret)
