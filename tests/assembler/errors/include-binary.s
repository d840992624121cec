.include "binary.inc"
