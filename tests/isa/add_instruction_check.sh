#!/usr/bin/env bash
# Follows isa-spec/README.md's recipe for adding an instruction, in a
# scratch copy of the tree, and checks what the recipe promises:
#
#   1. the row alone does not build: the machine wants its semantics;
#   2. row and semantics do not build: the monitor wants its routine, and
#      the message names the row;
#   3. all three build, and a program using the new privileged instruction
#      (with a csr side effect) in both modes gives the same trace bare and
#      under the monitor, the csr write included.
#
#   add_instruction_check.sh SOURCE_DIR [WORK_DIR]     (make check-recipe)
set -eu
export LC_ALL=C  # the compiler's messages in plain ASCII quotes
src=$(cd "$1" && pwd)
work=${2:-$(mktemp -d)}
jobs=${JOBS:-2}
mkdir -p "$work"
tree=$work/tree build=$work/build
rm -rf "$tree" && mkdir -p "$tree"
(cd "$src" && git ls-files -z | xargs -0 tar cf - 2>/dev/null || tar cf - --exclude=./build\* .) | tar xf - -C "$tree"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O0 and no debug information: this build only has to compile and run a few
# hundred instructions, and it compiles much faster.
cmake -S "$tree" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 "${launcher[@]}" >/dev/null

fail() { echo "add_instruction_check: FAIL: $*" >&2; exit 1; }
# build_fails TARGET TEXT: building TARGET must fail saying TEXT.
build_fails() {
    if cmake --build "$build" -j "$jobs" --target "$1" >"$work/log" 2>&1; then fail "$1 built, expected: $2"; fi
    grep -qF -- "$2" "$work/log" || { cat "$work/log" >&2; fail "$1 did not fail with: $2"; }
    echo "add_instruction_check: $1 fails as the recipe says: $2"
}

# Step 1: the row.
echo 'csrx      0x67   CSRR   privileged:control           -                   csr-read,csr-write rd = csr; csr = old rd' \
    >>"$tree/isa-spec/tables/instructions.tbl"
row=$(grep -c '' "$tree/isa-spec/tables/instructions.tbl")
build_fails pg32_machine "'exec_Csrx' is not a member of 'trapvm::sem'"

# Step 2: the semantics.
cat >>"$tree/machine/semantics/system.hpp" <<'EOF'

namespace trapvm::sem {
template <class H> PG32_SEMANTICS void exec_Csrx(H& h, Insn i) {
    uint32_t old = h.priv().read(csr_of(i));
    h.priv().write(csr_of(i), h.reg(i.rd));
    h.obs.csr_written(csr_of(i), old, h.priv().read(csr_of(i)));
    h.set(i.rd, old);
}
}  // namespace trapvm::sem
EOF
build_fails pg32_vmm "isa-spec/tables/instructions.tbl:$row: 'csrx' is privileged, so the monitor needs its interpreter routine vmm::emulate_Csrx"

# Step 3: the interpreter routine, a twin of the semantics, before the table.
cat >"$work/routine" <<'EOF'
template <class H> void emulate_Csrx(H& h, Insn i) {
    uint32_t old = h.priv().read(csr_of(i));
    h.priv().write(csr_of(i), h.reg(i.rd));
    h.obs.csr_written(csr_of(i), old, h.priv().read(csr_of(i)));
    h.set(i.rd, old);
}

EOF
awk -v routine="$work/routine" '/^\/\/ ---- the routine table/ { while ((getline l < routine) > 0) print l } { print }' \
    "$tree/vmm/interpreter.hpp" >"$work/interpreter.hpp" && mv "$work/interpreter.hpp" "$tree/vmm/interpreter.hpp"
cmake --build "$build" -j "$jobs" --target trapvm >"$work/log" 2>&1 || { cat "$work/log" >&2; fail "the three steps do not build"; }

cat >"$work/csrx.s" <<'EOF'
# csrx in system mode (emulated under the monitor), then in user mode
# (reflected: the handler skips it), then power-off.
.include "pg32.inc"
_start: la   t0, handler
        csrw tvec, t0
        li   a0, 0x1234
        csrx a0, scratch          # scratch <- 0x1234, a0 <- 0
        csrx a0, scratch          # scratch <- 0, a0 <- 0x1234
        la   t0, user
        csrw epc, t0
        csrw epsw, zero
        li   t0, 0x10000
        csrw rbound, t0
        rfe
user:   csrx a0, scratch          # PRIVILEGED
        sys
handler:
        csrr t0, cause
        li   t1, CAUSE_SYSCALL
        beq  t0, t1, done
        csrr t0, epc
        addi t0, t0, 4
        csrw epc, t0
        rfe
done:   out  POWER_OFF, a0
EOF
trapvm=$build/tools/trapvm
"$trapvm" diff --bare-vs-vmm "$work/csrx.s" >"$work/diff" || { cat "$work/diff" >&2; fail "bare and monitored runs differ"; }
grep -q '^equivalent' "$work/diff" || fail "diff did not say equivalent: $(cat "$work/diff")"
"$trapvm" trace --vmm "$work/csrx.s" --format jsonl -o "$work/trace.jsonl" || true
grep -q '"asm":"csrx a0, scratch".*"csrs":\[{"csr":"scratch","old":0,"new":4660}\]' "$work/trace.jsonl" ||
    fail "the monitored trace lacks csrx's csr write"
grep -q '"routine":"csrx"' "$work/trace.jsonl" || fail "the monitor did not emulate csrx"
echo "add_instruction_check: the new instruction builds and runs the same bare and under the monitor: ok"
