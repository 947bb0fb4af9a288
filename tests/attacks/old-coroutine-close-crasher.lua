-- attack: the Lua 5.4.4 crasher: a chain of 30,000 coroutines each closing the previous one from a to-be-closed variable
-- (exit 6 "crashed" is right here: the worker takes the crash)
-- class: older classes
-- expect: 3 6
-- within: 60

local coro = false
for i = 1, 30000 do
  local previous = coro
  coro = coroutine.create(function()
    local closer <close> = setmetatable({}, { __close = function()
      if previous then coroutine.close(previous) end
    end })
    coroutine.yield()
  end)
  coroutine.resume(coro)
end
coroutine.close(coro)
