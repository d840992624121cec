#!/usr/bin/env bash
# trapvm at a terminal, driven through tmux:
#   input   `trapvm run examples/echo.s` says it waits for typed input,
#           echoes a typed line, and ends at Ctrl-D with status 0;
#   pager   `trapvm trace examples/hello.s | PAGER` leaves the guest's
#           console off the terminal (it would paint over the pager);
#           with the trace on the terminal, the console is there, each
#           byte as it is written.
#
# usage: terminal_test.sh TRAPVM EXAMPLES_DIR CASE    (exit 77: skipped, no tmux)
set -u
trapvm=$1
examples=$2
case_name=$3
if ! command -v tmux >/dev/null; then
    echo "SKIPPED: tmux is not installed (apt-get install tmux)"
    exit 77
fi

socket="trapvm-terminal-test-$$"
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null' EXIT
export TERM=${TERM:-xterm}
[ "$TERM" = dumb ] && export TERM=xterm

screen() { tmux_ capture-pane -p -t "$session"; }
wait_for() {  # at most 30 s: a guard against a hang, generous for a loaded machine
    for _ in $(seq 600); do
        screen | grep -q -- "$1" && return 0
        sleep 0.05
    done
    echo "FAILED: the screen never showed: $1"
    echo "--- screen:"
    screen
    exit 1
}
# start COMMAND: runs COMMAND at a fresh terminal in examples/: a new
# session each time, the earlier ones left alone (killing the last one
# makes the tmux server exit, and a session started just then can be lost).
sessions=0
start() {
    sessions=$((sessions + 1))
    session="term$sessions"
    tmux_ new-session -d -s "$session" -x 120 -y 40 "cd '$examples' && $1; echo SESSION-ENDED status \$?; sleep 60"
}

case "$case_name" in
input)
    start "'$trapvm' run echo.s"
    wait_for 'waits for console input: type it here (Ctrl-D ends the input'
    tmux_ send-keys -t "$session" -l "typed line"
    tmux_ send-keys -t "$session" Enter
    # The terminal echoes the line as it is typed, then the program does.
    for _ in $(seq 600); do
        [ "$(screen | grep -c '^typed line$')" -ge 2 ] && break
        sleep 0.05
    done
    [ "$(screen | grep -c '^typed line$')" -ge 2 ] || { echo "FAILED: echo.s did not echo the line"; screen; exit 1; }
    tmux_ send-keys -t "$session" C-d
    wait_for '^SESSION-ENDED status 0' ;;
pager)
    start "'$trapvm' trace hello.s | wc -l"
    wait_for '^SESSION-ENDED status 0'
    if screen | grep -q 'Hello, world!'; then echo "FAILED: the console painted over the pipe's reader"; screen; exit 1; fi
    start "'$trapvm' trace hello.s"
    wait_for '^SESSION-ENDED status 0'
    # Byte by byte between the trace's lines: the last, '!', before step 64.
    screen | grep -q '^! *64 S ' || { echo "FAILED: no console output with the trace on the terminal"; screen; exit 1; } ;;
*)
    echo "no case named '$case_name'"; exit 2 ;;
esac
echo "PASSED: $case_name at a terminal"
