#!/usr/bin/env bash
# An interactive session at a terminal, driven through tmux: the prompt,
# commands, an empty line repeating `step`, history (the Up key), Ctrl-C
# stopping a run that never ends, and quit.
#
# usage: interactive.sh TRAPVM PROGRAMS_DIR     (exit 77: skipped, no tmux)
set -u
trapvm=$1
programs=$2
if ! command -v tmux > /dev/null; then
    echo "SKIPPED: tmux is not installed (apt-get install tmux)"
    exit 77
fi

socket="trapvm-debug-test-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2> /dev/null' EXIT
export TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && export TERM=xterm

screen() { tmux_ capture-pane -p -t debug; }
# Waits until the screen shows a line matching a regular expression.
wait_for() {
    for _ in $(seq 200); do
        screen | grep -q -- "$1" && return 0
        sleep 0.05
    done
    echo "FAILED: the screen never showed: $1"
    echo "--- screen:"
    screen
    exit 1
}
type_line() { tmux_ send-keys -t debug -l "$1"; tmux_ send-keys -t debug Enter; }

tmux_ new-session -d -s debug -x 120 -y 50 "cd '$programs' && '$trapvm' debug forever.s; echo SESSION-ENDED status \$?; sleep 60"
wait_for '^(trapvm)'
wait_for '^=> step 0  system  0x00000000 <_start>'

type_line "step"
wait_for '^=> step 1  system  0x00000004 <spin>'
tmux_ send-keys -t debug Enter                      # an empty line repeats step
wait_for '^=> step 2  system  0x00000008 <spin+4>'
type_line "break spin"
wait_for '^Breakpoint 1: spin at 0x00000004'
type_line "c"
wait_for '^Breakpoint 1, spin'
wait_for '^=> step 3 '
type_line "where"
wait_for '^step 3, 3 ticks'
tmux_ send-keys -t debug Up Up Enter                # history: `c` again
wait_for '^=> step 5 '
type_line "delete"
type_line "continue"                                 # runs for ever ...
for _ in $(seq 50); do                               # ... until Ctrl-C (again if it came before the run)
    sleep 0.2
    tmux_ send-keys -t debug C-c
    screen | grep -q 'Interrupted\.$' && break
done
wait_for 'Interrupted\.$'
type_line "rs"
wait_for '^(trapvm) rs'
type_line "stpe"
wait_for "^error: unknown command 'stpe'; did you mean 'step'"
type_line "quit"
wait_for '^SESSION-ENDED status 0'
echo "PASSED: interactive session through tmux"
screen | sed -n '1,40p'
