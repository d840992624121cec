#!/bin/sh
# make demo: the main job. For now it shows the PG32 instruction set that the
# build generated from isa-spec/tables; later it assembles and runs programs.
set -eu
build=${1:-build}
echo "PG32: $(grep -c '^| `' "$build/generated/pg32-instructions.md") table rows generated from isa-spec/tables"
sed -n '/^### register-register/,/^### traps on purpose/p' "$build/generated/pg32-instructions.md"
