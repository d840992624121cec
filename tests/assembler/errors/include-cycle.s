.include "cycle-a.inc"
