-- With SOURCE_DATE_EPOCH set, os.time() and os.date() give that moment
-- (here 2024-06-01T00:00:00Z); os.time(table) still converts a date.
-- Run from the repository root (it writes nothing; exit 0 when every check holds):
--   SOURCE_DATE_EPOCH=1717200000 ./brief tests/lua/sandbox/os_time_and_date_follow_source_date_epoch.lua
assert(os.time() == 1717200000, 'os.time() is ' .. os.time())
assert(os.date('!%Y-%m-%d %H:%M') == '2024-06-01 00:00', os.date('!%c'))
assert(os.date('!*t').year == 2024, 'os.date("*t")')
assert(os.time{year = 2000, month = 1, day = 1, hour = 12} ~= os.time(),
       'os.time(table) still converts')
