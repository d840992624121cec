.include "no-such-file.inc"
.include "nested-missing.inc"
.include no-quotes.inc
