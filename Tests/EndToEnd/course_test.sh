#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The course in a real terminal (tmux) — the course issues' "Must show":
#   - a fresh state opens on the welcome, and → begins at lesson 1, step 1;
#   - pressing → walks through every step of every lesson, in order, each step's
#     title marker ("Lesson L/N · … · step S/T") and the start of its text on
#     screen, into the sandbox — at 80×24 and at 120×40; → on the very last step
#     opens the end of the course, and ← goes back;
#   - quitting in the middle and starting again resumes at the same lesson and step;
#   - ← goes back a step, across a lesson's start; PgDn jumps to the next lesson.
#
#   bash Tests/EndToEnd/course_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016 # bash -c '…' "$var" on purpose
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}

# The course as the program lists it: one line per step, "LESSON STEPS STEP first-words".
"$BIN" lessons --json >"$WORK/lessons.json" || fail "lessons --json exits 0"
python3 - "$WORK/lessons.json" >"$WORK/steps" <<'PY'
import json, sys
for lesson in json.load(open(sys.argv[1])):
    for index, step in enumerate(lesson["steps"]):
        words = " ".join(step["text"].split()[:3])
        print(lesson["number"], len(lesson["steps"]), index + 1, lesson["id"], words)
PY
COUNT=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/lessons.json")
check "the course has lessons ($COUNT) and steps ($(wc -l <"$WORK/steps"))" [ "$COUNT" -ge 2 ]

# marker LESSON STEP STEPS: the title bar's regex for that step.
marker() { echo "Lesson $1/$COUNT .*step $2/$3"; }

# walk COLS ROWS: a fresh program, then → through every step.
walk() {
    local cols=$1 rows=$2 state="$WORK/walk-$1x$2" lesson steps step id words failed=0 first=1 last=""
    start "$cols" "$rows" "$BIN" --state-dir "$state"
    while read -r lesson steps step id words <&3; do
        if ((first)); then
            first=0
            check "${cols}×${rows}: a fresh state opens on the welcome" tt_wait_for "Welcome to attn-tui"
            tt_keys Right
            check "${cols}×${rows}: → begins at lesson 1, step 1" tt_wait_for_regex "$(marker 1 1 "$steps")"
        else
            tt_keys Right
            if ! tt_wait_for_regex "$(marker "$lesson" "$step" "$steps")" >/dev/null 2>&1; then
                fail "${cols}×${rows}: → reaches lesson $lesson step $step"
                failed=1
                break
            fi
        fi
        last=$steps
        # The step's text starts on screen (its first words, maybe wrapped after them).
        if ! tt_capture | tr '\n' ' ' | tr -s ' ' | grep -qF -- "$words"; then
            fail "${cols}×${rows}: lesson $lesson step $step shows its text ('$words …')"
            failed=1
        fi
    done 3<"$WORK/steps"
    ((failed)) || pass "${cols}×${rows}: → walks every step of every lesson, each with its text, into the sandbox"
    tt_keys Right
    check "${cols}×${rows}: → on the last lesson's last step opens the end of the course" tt_wait_for "The end of the course"
    tt_keys Left
    check "${cols}×${rows}: ← goes back to that step" tt_wait_for_regex "$(marker "$COUNT" "$last" "$last")"
    tt_keys q
    tt_wait_exit >/dev/null
    check "${cols}×${rows}: q exits 0" tt_assert_exit_status 0
    check "${cols}×${rows}: the terminal is restored" tt_assert_terminal_restored
}

echo "-- walking the course"
walk 80 24
walk 120 40

echo "-- resuming"
STATE="$WORK/resume"
start 100 30 "$BIN" --state-dir "$STATE"
tt_wait_for "Welcome to attn-tui" >/dev/null
tt_keys Right
tt_wait_for_regex "Lesson 1/$COUNT" >/dev/null
# Two lessons on (PgDn), then one step: the third lesson, step 2 (by position: PgDn walks the course in order).
tt_keys PageDown PageDown Right
L3=$(awk '$1 == 3 { print $2; exit }' "$WORK/steps")
check "PgDn twice and → reach lesson 3 step 2" tt_wait_for_regex "$(marker 3 2 "$L3")"
tt_keys q
tt_wait_exit >/dev/null
start 100 30 "$BIN" --state-dir "$STATE"
check "starting again resumes at lesson 3 step 2" tt_wait_for_regex "$(marker 3 2 "$L3")"
tt_keys Left Left
L2=$(awk '$1 == 2 { print $2; exit }' "$WORK/steps")
check "← twice goes back across the lesson's start to lesson 2's last step" tt_wait_for_regex "$(marker 2 "$L2" "$L2")"
tt_keys q
tt_wait_exit >/dev/null
# --lesson takes a lesson's id: softmax, wherever the course puts it.
SOFTMAX=$(awk '$4 == "softmax" { print $1; exit }' "$WORK/steps")
start 100 30 "$BIN" --state-dir "$STATE" --lesson softmax
check "--lesson softmax still jumps, at its first step" tt_wait_for_regex "$(marker "$SOFTMAX" 1 "$(awk '$4 == "softmax" { print $2; exit }' "$WORK/steps")")"
tt_keys q
tt_wait_exit >/dev/null
check "the state file names the lesson and the step, not their numbers" python3 -c '
import json, sys
state = json.load(open(sys.argv[1]))
assert state["version"] == 2 and state["lesson"] == "softmax" and isinstance(state["step"], str), state' "$STATE/state.json"
check "render never writes state: the saved step is still softmax's" bash -c '
    before=$(cat "$1/state.json"); "$0" render --state-dir "$1" --keys "<Right><Right>aapple<Enter>" >/dev/null
    [ "$before" == "$(cat "$1/state.json")" ]' "$BIN" "$STATE"

echo "-- every exercise, replayed with render (lessons --json gives each task's solution)"
python3 - "$WORK/lessons.json" >"$WORK/tasks" <<'PY'
import json, sys
for lesson in json.load(open(sys.argv[1])):
    for number, step in enumerate(lesson["steps"], 1):
        for index, task in enumerate(step.get("exercise", {}).get("tasks", []), 1):
            print(lesson["id"], number, index, task["answer"], task["solution"])
PY
tasks=0
unsolved=()
opened=""
while read -r id step index answer solution; do
    tasks=$((tasks + 1))
    "$BIN" render --lesson "$id" --step "$step" --size 80x24 --keys "$solution" | grep -q "✓ Solved" || unsolved+=("$id/$index")
    if [[ $opened != "$id" ]]; then
        opened=$id
        if "$BIN" render --lesson "$id" --step "$step" --size 80x24 | grep -q "Solved"; then unsolved+=("$id (solved unopened)"); fi
    fi
    if [[ $answer == number ]]; then
        "$BIN" render --lesson "$id" --step "$step" --size 80x24 --keys '<Enter>12345<Enter>' | grep -q "Not yet" ||
            unsolved+=("$id/$index (no 'Not yet' for a wrong number)")
    fi
done <"$WORK/tasks"
check "$tasks tasks: each solution draws 'Solved', the step unopened does not, a wrong number draws 'Not yet'${unsolved:+ (${unsolved[*]})}" \
    [ "${#unsolved[@]}" -eq 0 -a "$tasks" -ge 25 ]

echo "-- a solved exercise is ticked in the map and stays ticked after a restart"
STATE="$WORK/ticks"
start 80 24 "$BIN" --state-dir "$STATE"
check "80×24: the welcome" tt_wait_for "Welcome to attn-tui"
tt_keys Right
FIRST=$(awk 'NR == 1 { print $1; exit }' "$WORK/tasks")
FIRST_STEP=$(awk 'NR == 1 { print $2; exit }' "$WORK/tasks")
for ((i = 1; i < FIRST_STEP; i++)); do tt_keys Right; done
check "→ reaches lesson 1's exercise" tt_wait_for "Exercise"
while read -r id step index answer solution; do
    [[ $id == "$FIRST" ]] || continue
    # The solution in --keys notation, typed as tmux keys.
    python3 -c '
import re, sys
names = {"Enter": "Enter", "Down": "Down", "Up": "Up", "Left": "Left", "Right": "Right", "Space": "Space", "Esc": "Escape", "BS": "BSpace", "Tab": "Tab"}
for token in re.findall(r"<[^>]+>|.", sys.argv[1]):
    print(names[token[1:-1]] if token.startswith("<") else token)' "$solution" >"$WORK/keys"
    while read -r key; do tt_keys "$key"; done <"$WORK/keys"
done <"$WORK/tasks"
check "its tasks are solved" tt_wait_for "Exercise done"
tt_keys g
check "g: the course map ticks lesson 1" tt_wait_for_regex "▸✓ +1 Words as vectors"
tt_keys Escape q
tt_wait_exit >/dev/null
start 80 24 "$BIN" --state-dir "$STATE"
tt_wait_for "Lesson 1/" >/dev/null
tt_keys g
check "after q and a restart the tick is still there" tt_wait_for_regex "✓ +1 Words as vectors"
check "and the title bar counts it" tt_wait_for_regex "✓ 1/[0-9]+"
tt_keys Escape q
tt_wait_exit >/dev/null

e2e_finish
