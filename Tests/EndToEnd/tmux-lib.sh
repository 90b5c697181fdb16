# SPDX-License-Identifier: Apache-2.0

# shellcheck shell=bash
# tmux-lib.sh — drive a real terminal program inside tmux for end-to-end tests.
#
# Source it from a bash (≥ 4) test script:
#
#   source "$(dirname "$0")/tmux-lib.sh"
#   tt_start 80 24 .build/debug/attn-tui --lesson cosine
#   tt_wait_for "Dot product"
#   tt_keys Right
#   tt_wait_for "Cosine"
#   tt_resize 20 6 && tt_wait_stable
#   tt_keys q
#   tt_wait_exit                      # prints the exit status, fails on timeout
#   tt_assert_exit_status 0
#   tt_assert_terminal_restored
#
# Each test gets its own tmux server (a private socket, no user config) with
# one session of exactly COLS×ROWS cells (no status line). The program runs
# under a small bash runner, not an interactive shell: an interactive shell
# would reset the terminal modes after a program killed by a signal and so
# hide a program that left the terminal raw. The runner records the
# terminal modes (`stty`) before and after the program, its PID and its exit
# status in a temporary folder ($TT_DIR). tt_start installs an EXIT trap that
# removes the server and the folder (TT_KEEP=1 keeps them for debugging).
#
# Settings (environment variables, read by tt_start):
#   TT_TIMEOUT  seconds the wait functions wait by default (10)
#   TT_TERM     TERM inside the pane (tmux-256color; `screen` has 8 colours)
#   TT_LANG     LANG inside the pane (C.UTF-8); LC_ALL and LC_CTYPE are unset
#   TT_KEEP     1: leave the tmux server and $TT_DIR behind
# The pane also gets SWIFT_BACKTRACE=interactive=no unless it is already set, so
# a crashing Swift program prints its backtrace and exits instead of waiting 30 s.
#
# Every function returns non-zero on failure and explains on standard error
# (with the screen as it was), so `set -e` or `|| exit 1` both work.

TT_TIMEOUT=${TT_TIMEOUT:-10}
TT_TERM=${TT_TERM:-tmux-256color}
TT_LANG=${TT_LANG:-C.UTF-8}
TT_SOCKET=""
TT_DIR=""
TT_TARGET=""

# tmux on this test's private server.
tt_tmux() {
    tmux -L "$TT_SOCKET" -f "$TT_DIR/tmux.conf" "$@"
}

# Seconds since the epoch, with microseconds.
tt_now() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}

# tt_elapsed_below START SECONDS: true while less than SECONDS have passed since START.
tt_elapsed_below() {
    awk -v start="$1" -v now="$(tt_now)" -v limit="$2" 'BEGIN { exit !(now - start < limit) }'
}

# tt_fail MESSAGE: prints MESSAGE and the current screen on standard error; returns 1.
tt_fail() {
    {
        echo "tmux-lib: $*"
        if [[ -n $TT_TARGET ]] && tt_tmux has-session -t "$TT_TARGET" 2>/dev/null; then
            echo "--- screen ($(tt_pane_size)) ---"
            tt_capture
            echo "---"
        fi
    } >&2
    return 1
}

# tt_start COLS ROWS COMMAND [ARGS...]: starts COMMAND in a fresh COLS×ROWS
# terminal and returns at once (wait for its first screen with tt_wait_for).
# COMMAND runs in the current directory; prefix it with `env NAME=VALUE` to
# give it more environment (e.g. `tt_start 80 24 env NO_COLOR=1 attn-tui`).
tt_start() {
    if (($# < 3)); then
        echo "usage: tt_start COLS ROWS COMMAND [ARGS...]" >&2
        return 2
    fi
    local cols=$1 rows=$2
    shift 2
    [[ -n $TT_DIR ]] && tt_cleanup
    command -v tmux >/dev/null || { echo "tmux-lib: tmux is not installed" >&2; return 1; }
    TT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tmux-e2e.XXXXXX") || return 1
    TT_SOCKET="tt-$$-${TT_DIR##*.}"
    TT_TARGET="e2e"
    cat >"$TT_DIR/tmux.conf" <<EOF
set-option -g status off
set-option -g remain-on-exit on
set-option -g default-terminal "$TT_TERM"
set-option -g default-shell /bin/sh
set-option -g history-limit 2000
EOF
    # The runner: modes and status go to files, the PID is the program's own.
    {
        echo "#!/usr/bin/env bash"
        printf 'cd %q || exit 127\n' "$PWD"
        printf 'export LANG=%q TERM=%q\n' "$TT_LANG" "$TT_TERM"
        echo 'unset LC_ALL LC_CTYPE'
        echo 'export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-interactive=no}'
        printf 'dir=%q\n' "$TT_DIR"
        echo 'stty -g >"$dir/stty-g.before"; stty -a >"$dir/stty.before"'
        printf 'sh -c '\''echo $$ >"$0"; exec "$@"'\'' "$dir/pid"'
        printf ' %q' "$@"
        echo
        echo 'status=$?'
        echo 'stty -g >"$dir/stty-g.after"; stty -a >"$dir/stty.after"'
        echo 'echo "$status" >"$dir/status.tmp" && mv "$dir/status.tmp" "$dir/status"'
        # The title tells tt_wait_exit that tmux has read everything the program
        # wrote; staying alive keeps tmux from marking the pane dead (which hides
        # the cursor and writes "Pane is dead" on the screen).
        echo 'printf "\033]2;tt-exit-%s\033\\" "$status"'
        echo 'exec sleep 2147483647'
    } >"$TT_DIR/run.sh"
    chmod +x "$TT_DIR/run.sh"
    trap tt_cleanup EXIT
    tt_tmux new-session -d -s "$TT_TARGET" -x "$cols" -y "$rows" \
        -e "LANG=$TT_LANG" -e "TERM=$TT_TERM" "$TT_DIR/run.sh" || { tt_fail "cannot start tmux"; return 1; }
    # Whatever size tmux chose, make it exactly COLS×ROWS.
    tt_resize "$cols" "$rows"
}

# tt_cleanup: kills this test's tmux server and removes $TT_DIR (not with TT_KEEP=1).
tt_cleanup() {
    [[ -z $TT_DIR ]] && return 0
    if [[ ${TT_KEEP:-0} == 1 ]]; then
        echo "tmux-lib: kept: tmux -L $TT_SOCKET attach -t $TT_TARGET; files in $TT_DIR" >&2
    else
        tt_tmux kill-server 2>/dev/null
        rm -rf "$TT_DIR"
    fi
    TT_DIR=""
    TT_TARGET=""
}

# tt_keys KEY...: presses keys, in tmux's names: Enter Escape Tab BTab BSpace
# Up Down Left Right Home End PPage NPage DC F1…F12 C-c M-x, or plain characters.
tt_keys() {
    tt_tmux send-keys -t "$TT_TARGET" "$@"
}

# tt_type TEXT: types TEXT literally (any Unicode), with no key names.
tt_type() {
    tt_tmux send-keys -t "$TT_TARGET" -l -- "$1"
}

# tt_send_bytes HEX...: writes raw bytes to the program, e.g. an X10 mouse
# press at column 10, row 5: tt_send_bytes 1b 5b 4d 20 2b 26
tt_send_bytes() {
    tt_tmux send-keys -t "$TT_TARGET" -H "$@"
}

# tt_click COL ROW: a left-button press then release at a cell (0-based), in the
# X10 mouse encoding that TERM=tmux-256color and screen announce (kmous=\E[M).
tt_click() {
    local x y
    x=$(printf '%02x' $(($1 + 33)))
    y=$(printf '%02x' $(($2 + 33)))
    tt_send_bytes 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
}

# tt_capture [OPTION...]: prints the screen, one line per row, trailing spaces
# removed. Options go to capture-pane: -e keeps colours and attributes as SGR
# escapes; -J joins wrapped lines.
tt_capture() {
    tt_tmux capture-pane -p -t "$TT_TARGET" "$@"
}

# tt_pane_size: prints COLSxROWS.
tt_pane_size() {
    tt_tmux display-message -p -t "$TT_TARGET" '#{pane_width}x#{pane_height}'
}

# tt_pane_flag NAME: prints a tmux pane format variable, e.g. alternate_on,
# cursor_flag, mouse_any_flag, pane_dead.
tt_pane_flag() {
    tt_tmux display-message -p -t "$TT_TARGET" "#{$1}"
}

# tt_wait_for TEXT [TIMEOUT]: waits until TEXT (a fixed string) is on screen.
tt_wait_for() {
    local text=$1 timeout=${2:-$TT_TIMEOUT} start
    start=$(tt_now)
    while tt_elapsed_below "$start" "$timeout"; do
        tt_capture | grep -qF -- "$text" && return 0
        sleep 0.05
    done
    tt_fail "'$text' did not appear within ${timeout}s"
}

# tt_wait_for_regex REGEX [TIMEOUT]: waits until a line matches REGEX (grep -E).
tt_wait_for_regex() {
    local regex=$1 timeout=${2:-$TT_TIMEOUT} start
    start=$(tt_now)
    while tt_elapsed_below "$start" "$timeout"; do
        tt_capture | grep -qE -- "$regex" && return 0
        sleep 0.05
    done
    tt_fail "nothing matched /$regex/ within ${timeout}s"
}

# tt_wait_gone TEXT [TIMEOUT]: waits until TEXT is no longer on screen.
tt_wait_gone() {
    local text=$1 timeout=${2:-$TT_TIMEOUT} start
    start=$(tt_now)
    while tt_elapsed_below "$start" "$timeout"; do
        tt_capture | grep -qF -- "$text" || return 0
        sleep 0.05
    done
    tt_fail "'$text' was still on screen after ${timeout}s"
}

# tt_wait_stable [QUIET_SECONDS] [TIMEOUT]: waits until the screen (with colours)
# has not changed for QUIET_SECONDS (0.3), e.g. after a resize.
tt_wait_stable() {
    local quiet=${1:-0.3} timeout=${2:-$TT_TIMEOUT} start last current since
    start=$(tt_now)
    last=$(tt_capture -e)
    since=$(tt_now)
    while tt_elapsed_below "$start" "$timeout"; do
        sleep 0.05
        current=$(tt_capture -e)
        if [[ $current != "$last" ]]; then
            last=$current
            since=$(tt_now)
        elif ! tt_elapsed_below "$since" "$quiet"; then
            return 0
        fi
    done
    tt_fail "the screen kept changing for ${timeout}s"
}

# tt_resize COLS ROWS: resizes the terminal (the program gets SIGWINCH) and
# waits until tmux reports the new size.
tt_resize() {
    local want="$1x$2" start
    tt_tmux resize-window -t "$TT_TARGET" -x "$1" -y "$2" || { tt_fail "cannot resize to $want"; return 1; }
    start=$(tt_now)
    while tt_elapsed_below "$start" "$TT_TIMEOUT"; do
        [[ $(tt_pane_size) == "$want" ]] && return 0
        sleep 0.05
    done
    tt_fail "the pane did not become $want"
}

# tt_pid [TIMEOUT]: prints the program's PID (waits until it has started).
tt_pid() {
    local timeout=${1:-$TT_TIMEOUT} start
    start=$(tt_now)
    while tt_elapsed_below "$start" "$timeout"; do
        if [[ -s $TT_DIR/pid ]]; then
            cat "$TT_DIR/pid"
            return 0
        fi
        sleep 0.05
    done
    tt_fail "the program did not start within ${timeout}s"
}

# tt_signal SIGNAL: sends SIGNAL (TERM, HUP, INT, KILL, …) to the program.
tt_signal() {
    local pid
    pid=$(tt_pid) || return 1
    kill -s "$1" "$pid" || tt_fail "cannot send SIG$1 to $pid"
}

# tt_is_running: true while the program has not exited.
tt_is_running() {
    [[ ! -e $TT_DIR/status ]]
}

# tt_wait_exit [TIMEOUT]: waits until the program has exited; prints its exit
# status (128 + N when killed by signal N, as the shell reports it).
tt_wait_exit() {
    local timeout=${1:-$TT_TIMEOUT} start
    start=$(tt_now)
    while tt_elapsed_below "$start" "$timeout"; do
        if [[ -e $TT_DIR/status && $(tt_pane_flag pane_title) == "tt-exit-$(cat "$TT_DIR/status")" ]]; then
            cat "$TT_DIR/status"
            return 0
        fi
        sleep 0.05
    done
    tt_fail "the program was still running after ${timeout}s"
}

# tt_exit_status: prints the exit status of the program that has exited.
tt_exit_status() {
    [[ -e $TT_DIR/status ]] || { tt_fail "the program has not exited"; return 1; }
    cat "$TT_DIR/status"
}

# tt_assert_exit_status EXPECTED: the program exited with EXPECTED.
tt_assert_exit_status() {
    local status
    status=$(tt_exit_status) || return 1
    [[ $status == "$1" ]] || tt_fail "exit status $status, expected $1"
}

# tt_stty_before / tt_stty_after: `stty -a` of the terminal just before the
# program started and just after it exited.
tt_stty_before() { cat "$TT_DIR/stty.before"; }
tt_stty_after() {
    [[ -e $TT_DIR/status ]] || { tt_fail "the program has not exited"; return 1; }
    cat "$TT_DIR/stty.after"
}

# tt_assert_terminal_restored: after the program exited, the terminal is as it
# was before: the same stty modes (canonical input and echo in particular), the
# main screen rather than the alternate one, the cursor visible, no mouse reporting.
tt_assert_terminal_restored() {
    local after problems=()
    after=$(tt_stty_after) || return 1
    grep -qE '(^|[[:space:]])icanon([[:space:]]|$)' <<<"$after" || problems+=("-icanon (raw input)")
    grep -qE '(^|[[:space:]])echo([[:space:]]|$)' <<<"$after" || problems+=("-echo")
    cmp -s "$TT_DIR/stty-g.before" "$TT_DIR/stty-g.after" ||
        problems+=("stty modes differ: before $(cat "$TT_DIR/stty-g.before"), after $(cat "$TT_DIR/stty-g.after")")
    [[ $(tt_pane_flag alternate_on) == 0 ]] || problems+=("still on the alternate screen")
    [[ $(tt_pane_flag cursor_flag) == 1 ]] || problems+=("cursor hidden")
    [[ $(tt_pane_flag mouse_any_flag) == 0 ]] || problems+=("mouse reporting still on")
    if ((${#problems[@]})); then
        tt_fail "terminal not restored: $(printf '%s; ' "${problems[@]}")"
        return 1
    fi
}

# tt_assert_contains TEXT / tt_assert_not_contains TEXT: checks the screen now.
tt_assert_contains() {
    tt_capture | grep -qF -- "$1" || tt_fail "'$1' is not on screen"
}
tt_assert_not_contains() {
    ! tt_capture | grep -qF -- "$1" || tt_fail "'$1' is on screen"
}
