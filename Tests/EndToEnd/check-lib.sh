# SPDX-License-Identifier: Apache-2.0

# shellcheck shell=bash disable=SC2001
# check-lib.sh — PASS/FAIL bookkeeping and screen-reading helpers shared by the
# end-to-end scripts (Tests/EndToEnd/*_test.sh). Source it after tmux-lib.sh:
#
#   source "$HERE/tmux-lib.sh"; source "$HERE/check-lib.sh"
#   e2e_init "$@"                      # sets BIN (absolute) and WORK (a temp dir)
#   check "the map is drawn" has_panel "Map" "$screen"
#   known_bug "render --no-color has no colour" no_sgr_colour "$out"
#   e2e_finish                         # prints the summary, exits 1 on any FAIL
#
# Every check prints one line, "PASS: …" or "FAIL: …"; details of a failure go
# to standard error just before it. known_bug marks checks of bugs found in the
# app: they print "FAIL: [app bug] …" until the app is fixed.

E2E_PASSED=0
E2E_FAILED=0
E2E_START=$(date +%s.%N)
E2E_NAME=$(basename "${BASH_SOURCE[1]:-$0}" .sh)

pass() { echo "PASS: $*"; E2E_PASSED=$((E2E_PASSED + 1)); }
fail() { echo "FAIL: $*"; E2E_FAILED=$((E2E_FAILED + 1)); }

# check DESCRIPTION COMMAND [ARGS...]: PASS when COMMAND succeeds.
check() {
    local desc=$1
    shift
    if "$@"; then pass "$desc"; else fail "$desc"; fi
}

# known_bug DESCRIPTION COMMAND [ARGS...]: a check of a bug found in the app.
known_bug() {
    local desc=$1
    shift
    if "$@"; then pass "$desc"; else fail "[app bug] $desc"; fi
}

# e2e_init BIN: sets BIN (absolute path), WORK (removed at exit), points HOME and
# XDG_DATA_HOME into WORK so that nothing touches the user's real state, and
# selects a UTF-8 locale for grep, wc -L and perl.
e2e_init() {
    if [[ -z ${1:-} ]]; then
        echo "usage: bash $0 /path/to/attn-tui" >&2
        exit 2
    fi
    BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    if [[ ! -x $BIN ]]; then
        echo "FAIL: $1 is not an executable"
        exit 1
    fi
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/attn-e2e.XXXXXX")
    mkdir -p "$WORK/home" "$WORK/xdg"
    export HOME="$WORK/home" XDG_DATA_HOME="$WORK/xdg"
    export LC_ALL=C.UTF-8
    unset NO_COLOR
    trap e2e_cleanup EXIT
    echo "== $E2E_NAME: $BIN"
}

e2e_cleanup() {
    declare -F tt_cleanup >/dev/null && tt_cleanup
    [[ -n ${WORK:-} ]] && rm -rf "$WORK"
}

# start COLS ROWS ARGS...: tt_start that keeps our own EXIT trap (tt_start sets its own).
start() {
    tt_start "$@"
    local status=$?
    trap e2e_cleanup EXIT
    return $status
}

# e2e_finish: prints the summary and exits 0 only when every check passed.
e2e_finish() {
    local elapsed
    elapsed=$(awk -v s="$E2E_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    echo "== $E2E_NAME: $E2E_PASSED passed, $E2E_FAILED failed (${elapsed}s)"
    ((E2E_FAILED == 0))
    exit $?
}

# --- reading screens (text, one line per row) -------------------------------

# panel TITLE_REGEX <<<SCREEN: prints the inside of the first box whose top
# border contains TITLE_REGEX (Perl syntax), without its borders; fails if there
# is none. Works on character positions, so lines must not hold wide characters.
panel() {
    perl -CSDA -Mutf8 -e '
        no warnings;
        my ($re) = @ARGV;
        my @l = <STDIN>;
        chomp @l;
        for my $r (0 .. $#l) {
            my $line = $l[$r];
            while ($line =~ /$re/g) {
                my $t = $-[0];
                my ($cl, $cr) = (-1, -1);
                for (my $i = $t; $i >= 0; $i--) {
                    if (substr($line, $i, 1) =~ /[┏╭┌]/) { $cl = $i; last }
                }
                for (my $i = $t; $i < length $line; $i++) {
                    if (substr($line, $i, 1) =~ /[┓╮┐]/) { $cr = $i; last }
                }
                next if $cl < 0 || $cr < 0;
                for my $b ($r + 1 .. $#l) {
                    last if substr($l[$b], $cl, 1) =~ /[┗╰└]/;
                    my $inner = substr($l[$b], $cl + 1, $cr - $cl - 1);
                    $inner =~ s/\s+$//;
                    print "$inner\n";
                }
                exit 0;
            }
        }
        exit 1;
    ' "$1"
}

# has_panel TITLE_REGEX SCREEN: there is a box with that title.
has_panel() {
    panel "$1" <<<"$2" >/dev/null || {
        echo "  no panel titled /$1/ on this screen:" >&2
        sed 's/^/  | /' <<<"$2" >&2
        return 1
    }
}

# text_has REGEX TEXT [WHAT]: a line of TEXT matches the extended regex.
text_has() {
    grep -qE -- "$1" <<<"$2" || {
        echo "  nothing matched /$1/ in ${3:-this text}:" >&2
        head -50 <<<"$2" | sed 's/^/  | /' >&2
        return 1
    }
}

# text_lacks REGEX TEXT [WHAT]: no line of TEXT matches the extended regex.
text_lacks() {
    ! grep -qE -- "$1" <<<"$2" || {
        echo "  /$1/ matched in ${3:-this text}:" >&2
        grep -nE -- "$1" <<<"$2" | head -5 | cut -c1-300 | sed 's/^/  | /' >&2
        return 1
    }
}

# panel_has TITLE_REGEX REGEX SCREEN: the box titled TITLE_REGEX has a line matching REGEX.
panel_has() {
    local inside
    inside=$(panel "$1" <<<"$3") || {
        echo "  no panel titled /$1/ on this screen:" >&2
        sed 's/^/  | /' <<<"$3" >&2
        return 1
    }
    text_has "$2" "$inside" "the panel /$1/"
}

BARS='[▏▎▍▌▋▊▉█]'

# has_braille TEXT: TEXT holds braille dots (U+2801–U+28FF), the map's sub-cell points.
has_braille() {
    perl -CSD -ne 'BEGIN { $found = 0 } $found = 1 if /[\x{2801}-\x{28FF}]/; END { exit !$found }' <<<"$1" || {
        echo "  no braille dots in:" >&2
        sed 's/^/  | /' <<<"$1" >&2
        return 1
    }
}

# weight_row WORD: the regex of WORD's row in the weights panel: a bar and a number.
weight_row() { echo "^$1 +$BARS* *[01]\.[0-9]+$"; }

# heatmap_row WORD: WORD's row in both heatmaps side by side, each with numbers.
heatmap_row() { echo "^$1 +[-.0-9 ]*[0-9][-.0-9 ]* +$1 +[-.0-9 ]*[0-9][-.0-9 ]*$"; }

# heatmap_column PREFIX: the column header line (it starts with blanks) naming
# PREFIX (a word, perhaps cut short with …) in both heatmaps.
heatmap_column() { echo "^ +.* $1.* $1"; }

# weights_sum_to_one SCREEN: the numbers in the weights panel add up to 1 (±0.01),
# when every row is visible.
weights_sum_to_one() {
    local inside sum
    inside=$(panel 'Weights of' <<<"$1") || return 1
    if grep -q 'more below' <<<"$inside"; then return 0; fi
    sum=$(grep -oE "$BARS* *[01]\.[0-9]+$" <<<"$inside" | grep -oE '[01]\.[0-9]+$' | awk '{ s += $1 } END { printf "%.4f", s }')
    awk -v s="$sum" 'BEGIN { exit !(s > 0.99 && s < 1.01) }' || {
        echo "  the weights add up to $sum:" >&2
        sed 's/^/  | /' <<<"$inside" >&2
        return 1
    }
}

# same_text A B WHAT: A and B are the same screen (trailing spaces ignored); shows a diff.
same_text() {
    local a b
    a=$(sed 's/[[:space:]]*$//' <<<"$1")
    b=$(sed 's/[[:space:]]*$//' <<<"$2")
    [[ $a == "$b" ]] || {
        echo "  ${3:-the screens} differ (< first, > second):" >&2
        diff <(echo "$a") <(echo "$b") | sed 's/^/  /' >&2
        return 1
    }
}

# screen_becomes EXPECTED WHAT [TIMEOUT]: the tmux screen equals EXPECTED (trailing
# blanks ignored) within TIMEOUT seconds (3), so a slow machine does not fail a
# comparison made a moment too early; shows the last difference otherwise.
screen_becomes() {
    local want deadline
    want=$(sed 's/[[:space:]]*$//' <<<"$1")
    deadline=$(($(date +%s) + ${3:-3}))
    while (($(date +%s) <= deadline)); do
        [[ $(tt_capture | sed 's/[[:space:]]*$//') == "$want" ]] && return 0
        sleep 0.1
    done
    same_text "$(tt_capture)" "$1" "${2:-tmux (<) and the expected screen (>)}"
}

# lines_and_width FILE ROWS COLS: exactly ROWS lines, none wider than COLS display columns.
lines_and_width() {
    local lines width
    lines=$(wc -l <"$1")
    width=$(wc -L <"$1")
    ((lines == $2 && width <= $3)) || {
        echo "  $lines lines, widest $width columns; expected $2 lines of at most $3" >&2
        return 1
    }
}
