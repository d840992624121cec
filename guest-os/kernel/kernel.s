# kernel.s: the whole kernel for the pg32 profile, one file per part. A boot
# configuration (guest-os/boot/*.s) includes this file and then lists the
# programs to start in its boot_table. A boot for a flawed profile
# (boot/flawed-*.s) includes the same parts with that profile's hooks.
#
# Reading order: boot.s (how it starts), trap.s (how user code enters and
# leaves the kernel), syscall.s, sched.s, proc.s; then the helpers.

.include "pg32.inc"        # the machine's named constants (generated)
.include "layout.inc"      # the kernel's memory map and structures
.include "hooks-pg32.inc"  # what the ISA profile changes (guest-os/README.md, "Profiles")
.include "parts.s"         # the kernel itself
