# Includes a file relative to this file's folder; that file includes
# another relative to its own folder.
.include "sub/defs.inc"
_start: li a0, ANSWER
        li a1, MORE
        halt
