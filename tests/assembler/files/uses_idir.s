# idir.inc is found only through -I idir.
.include "idir.inc"
        li a0, FROM_IDIR
