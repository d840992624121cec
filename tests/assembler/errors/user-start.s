# The entry point is where the machine starts, in system mode at a physical
# address: it cannot be a user address.
        .user 0
_start: sys
        .enduser
