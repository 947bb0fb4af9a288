-- attack: math.maxinteger, math.mininteger and their neighbours given to every relations function taking a number, each call under pcall
-- class: aborts
-- expect: 0
-- forbid: crashed
-- forbid: stopped

local rel = require "relations"
local big = { math.maxinteger, math.mininteger, math.maxinteger - 1, math.mininteger + 1,
              -1, 0, 2^53, -2^53, 2^63, -2^63, 1e308, -1e308, 0/0, 1/0, -1/0,
              "9223372036854775807", "-9223372036854775808", "99999999999999999999" }
local calls, failures = 0, 0
local function try(f, ...)
  calls = calls + 1
  local ok = pcall(f, ...)
  if not ok then failures = failures + 1 end
end
for _, a in ipairs(big) do
  for _, b in ipairs(big) do
    try(rel.events.between, rel.events, a, b)
    try(rel.figures.between, rel.figures, a, b)
    try(rel.anniversaries, a, { every = b })
  end
  try(rel.anniversaries, a)
  try(rel.anniversaries, 2024, { every = a })
  try(rel.ordinal, a)
end
print(calls .. " calls, " .. failures .. " raised an error")
