#!/usr/bin/env bash
# Drives `nnscript repl` in a real pseudo-terminal (a private tmux server) and checks what only a terminal shows:
# the prompt, the continuation prompt, history recall with the up arrow (from the history file and from this
# session), tab completion (keywords, a candidate list, file names in quotes and in folders, a continuation
# line, a table's columns in `features`), Ctrl-C at the prompt and during a statement, Ctrl-D, the history file, and that piped input gets no
# prompts or escape codes.
#
# usage: scripts/repl-pty-check.sh [path/to/nnscript]     (default .build/debug/nnscript; needs tmux)
# Prints one line per check and exits 1 on the first failure, showing the screen.
set -euo pipefail

binary=$(realpath "${1:-.build/debug/nnscript}")
command -v tmux >/dev/null || { echo "tmux is missing (apt-get install -y tmux)"; exit 2; }
[ -x "$binary" ] || { echo "no executable at $binary (swift build --product nnscript)"; exit 2; }

work=$(mktemp -d)
socket="nnscript-pty-$$"
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

printf 'optimizer adam lr=1e-2\n' >"$work/history"
printf 'layer 4 relu\n' >"$work/sinfit.nn"
mkdir "$work/examples"
printf 'layer 2 tanh\n' >"$work/examples/wave.nn"
printf 'rooms,area,price\n3,70,200\n4,95,260\n' >"$work/house.csv"

tmux -L "$socket" -f /dev/null new-session -d -s repl -x 100 -y 40 \
    "cd '$work' && NNSCRIPT_HISTORY='$work/history' '$binary' repl; echo EXITED:\$?; sleep 60"

passed=0
screen() { tmux -L "$socket" capture-pane -p -t repl; }
keys() { tmux -L "$socket" send-keys -t repl "$@"; }
type_text() { tmux -L "$socket" send-keys -t repl -l "$1"; }
fail() {
    echo "FAIL: $1"
    echo "---- screen ----"
    screen
    echo "----------------"
    exit 1
}
# wait_for TEXT DESCRIPTION: polls the screen for TEXT (fixed string) for up to 10 s.
wait_for() {
    for _ in $(seq 100); do
        if screen | grep -qF -- "$1"; then passed=$((passed + 1)); echo "ok - $2"; return 0; fi
        sleep 0.1
    done
    fail "$2 (expected to see: $1)"
}
# last_line_is TEXT DESCRIPTION: the cursor's line (the last non-empty one) reads exactly TEXT.
last_line_is() {
    for _ in $(seq 100); do
        if [ "$(screen | sed '/^$/d' | tail -n 1)" = "$1" ]; then
            passed=$((passed + 1)); echo "ok - $2"; return 0
        fi
        sleep 0.1
    done
    fail "$2 (expected the last line to be: $1)"
}

wait_for "nnscript " "greeting shown"
last_line_is "nn>" "prompt 'nn> ' shown"

keys Up
last_line_is "nn> optimizer adam lr=1e-2" "up arrow recalls a line from the history file"
keys C-u

type_text "layer 64 ta"; keys Tab
last_line_is "nn> layer 64 tanh" "tab completes an activation after 'layer 64'"
keys Enter
last_line_is "nn>" "statement accepted, new prompt"

type_text "optimizer ada"; keys Tab Tab
wait_for "adamw" "second tab lists the candidates (adagrad adam adamw)"
screen | grep -qE "adagrad +adam +adamw" || fail "candidate list reads 'adagrad  adam  adamw'"
keys C-c
last_line_is "nn>" "Ctrl-C at the prompt clears the line"

type_text "optimizer adam l"; keys Tab
last_line_is "nn> optimizer adam lr=" "tab completes an option name with its '='"
type_text "1e-3"; keys Enter

type_text ':lo'; keys Tab
last_line_is "nn> :load" "tab completes a : command"
type_text '"sinf'; keys Tab
last_line_is 'nn> :load "sinfit.nn"' "tab completes a file name inside quotes and closes the quote"
keys C-u
type_text ':load "examples/w'; keys Tab
last_line_is 'nn> :load "examples/wave.nn"' "tab completes a file inside a folder (readline's word starts after the '/')"
keys C-u

type_text "data sin(x"; keys Enter
last_line_is "..." "continuation prompt while a bracket is open"
type_text ") on [0, 1] gr"; keys Tab
last_line_is "... ) on [0, 1] grid" "tab on a continuation line completes within the open entry ('data' clauses)"
keys Enter
last_line_is "nn>" "closing the bracket ends the entry"

keys Up
last_line_is "nn> ) on [0, 1] grid" "up arrow recalls this session's last line"
keys Up Up
last_line_is "nn> optimizer adam lr=1e-3" "further up arrows go further back"
keys C-u

type_text "train 20000"; keys Enter
sleep 0.5
keys C-c
wait_for "interrupted at iteration" "Ctrl-C during training stops it (session.requestInterrupt)"
last_line_is "nn>" "the prompt is back after the interrupt"

type_text ":show"; keys Enter
wait_for "weights sha256:" ":show prints the model with the weights' hash (the trained weights were kept)"

type_text ":shwo"; keys Enter
wait_for "did you mean ':show'?" "unknown command suggests the nearest"

type_text 'data csv "house.csv" target price'; keys Enter
last_line_is "nn>" "a table as the data"
type_text "features rooms * ar"; keys Tab
last_line_is "nn> features rooms * area" "tab in 'features' completes the table's input columns"
keys C-u

type_text ":list"; keys Enter
wait_for "optimizer adam lr=1e-3" ":list shows the session"
screen | grep -qE "^train [0-9]+$" || fail ":list records the interrupted training as the iterations it did"
if screen | grep -q "^optimizer ada$"; then fail "the Ctrl-C'd line must not have run"; fi

keys C-d
wait_for "EXITED:0" "Ctrl-D quits with status 0"

grep -qxF "layer 64 tanh " "$work/history" || { cat "$work/history"; fail "history file holds the session's lines"; }
grep -qxF "optimizer adam lr=1e-2" "$work/history" || fail "history file keeps the earlier lines"
passed=$((passed + 1)); echo "ok - history file appended"

piped=$(printf 'layer 2 tanh\n:list\n' | NNSCRIPT_HISTORY= "$binary" repl 2>&1)
if [ "$piped" != "layer 2 tanh" ]; then echo "$piped" | od -c | head; fail "piped input: output only, no prompt"; fi
if printf '%s' "$piped" | grep -q $'\033'; then fail "piped output has escape codes"; fi
passed=$((passed + 1)); echo "ok - piped input gets no prompts or escape codes"

echo "all $passed checks passed"
