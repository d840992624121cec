# Start-up time: the smallest program there is.
_start: halt
