-- attack: an error message with a NUL byte in the middle, which C would cut there
-- class: loss and corruption
-- expect: 3
-- message: .lua:6: before\0after

error("before\0after")
