#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The release binary runs anywhere (issue 10): `swift build -c release --static-swift-stdlib`
# gives a binary of at most 20 MB that, copied alone to an empty folder, runs `render`
# and a query while the whole toolchain is out of reach (an empty tmpfs mounted over it
# in a private mount namespace). The binary under test ($1, the dynamically linked
# debug build) is the control: hidden the same way, it must fail to start. Also (issue 19):
# it needs neither libstdc++ nor libgcc_s, and --licenses names every component it links.
# Needs root (or unprivileged user namespaces) for `unshare --mount`.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/check-lib.sh"
e2e_init "$@"
cd "$HERE/../.."

LIMIT=$((20 * 1000 * 1000))
TOOLCHAIN=$(cd "$(dirname "$(readlink -f "$(command -v swift)")")/.." && pwd)

build_start=$(date +%s)
if swift build -c release --static-swift-stdlib --product attn-tui >"$WORK/build.log" 2>&1; then
    pass "swift build -c release --static-swift-stdlib ($(($(date +%s) - build_start)) s)"
else
    tail -20 "$WORK/build.log" >&2
    fail "swift build -c release --static-swift-stdlib"
    e2e_finish
fi
STATIC="$(swift build -c release --show-bin-path)/attn-tui"
size=$(stat -c %s "$STATIC")
check "the static binary weighs $((size / 1000)) kB, at most $((LIMIT / 1000)) kB" test "$size" -le "$LIMIT"
check "it needs no library of the toolchain ($TOOLCHAIN)" \
    bash -c '! ldd "$0" | grep -E "libswift|libFoundation|libdispatch|$1"' "$STATIC" "$TOOLCHAIN"

# --licenses names every component the binary links (issue 19.8), from the link itself: the
# toolchain's static-stdlib arguments, the libraries the Swift modules ask for (autolink), the
# package's own (linkedLibrary), the Swift packages whose modules are linked, and ldd's list.
# A library this table does not know fails: add its notice (Assets/licenses/) and a row here.
component_of() {
    case $1 in
        swiftCore | swift_Concurrency | swift_StringProcessing | swift_RegexParser | swiftSynchronization | swiftGlibc | \
            swift_Builtin_float | swiftRuntime) echo "Swift standard library and runtime" ;;
        FoundationEssentials | _FoundationCShims | _FoundationCollections) echo "Foundation (FoundationEssentials)" ;;
        dispatch | BlocksRuntime | swiftDispatch) echo "libdispatch" ;;
        stdc++ | gcc | gcc_eh | gcc_s) echo "GCC runtime libraries (libstdc++, libgcc)" ;;
        c | m | pthread | dl | util | rt | ld-linux*) echo "GNU C Library (glibc)" ;;
        ncursesw | tinfo) echo "ncurses" ;;
        linux-vdso) echo "-" ;; # the kernel's, not a file
        package:swift-argument-parser) echo "swift-argument-parser" ;;
        *) echo "?" ;;
    esac
}
BUILD=$(swift build -c release --static-swift-stdlib --show-bin-path)
linked=$(
    {
        cat "$TOOLCHAIN/lib/swift_static/linux/static-stdlib-args.lnk" "$(find "$BUILD/" -name attn_tui.autolink | head -1)"
        grep -o 'linkedLibrary("[^"]*")' Package.swift | sed 's/linkedLibrary("\(.*\)")/-l\1/'
        echo -lgcc -lgcc_eh # clang's runtime with -static-libgcc (Package.swift)
        ldd "$STATIC" | awk '{ print $1 }' | sed 's|.*/||; s/\.so.*//; s/^lib//; s/^/-l/'
    } | tr ' ' '\n' | sed -n 's/^-l//p'
    # Modules linked from other packages: the folders of the link's object files.
    sed 's|/[^/]*$||; s|.*/||; s|\.build$||' "$BUILD/attn-tui.product/Objects.LinkFileList" | sort -u | while read -r module; do
        [[ -d Sources/$module || -d Sources/${module//_/-} ]] && continue
        package=$(find .build/checkouts -mindepth 3 -maxdepth 3 -type d -path "*/Sources/$module" | head -1 | cut -d/ -f3)
        echo "package:${package:-$module}"
    done
)
licenses=$("$STATIC" --licenses)
unknown=()
missing=()
for library in $(sort -u <<<"$linked"); do
    component=$(component_of "$library")
    case $component in
        -) ;;
        "?") unknown+=("$library") ;;
        *) grep -qF -- "$component" <<<"$licenses" || missing+=("$library → $component") ;;
    esac
done
echo "   linked: $(sort -u <<<"$linked" | paste -sd' ')"
check "every library and package the binary links is one --licenses knows (unknown: ${unknown[*]:-none})" test ${#unknown[@]} -eq 0
check "--licenses names the component of each (missing: ${missing[*]:-none})" test ${#missing[@]} -eq 0
check "the binary needs neither libstdc++ nor libgcc_s at run time" bash -c '! ldd "$0" | grep -E "libstdc\+\+|libgcc_s"' "$STATIC"

ALONE="$WORK/alone"
mkdir -p "$ALONE"
cp "$STATIC" "$ALONE/attn-tui"

# hidden COMMAND...: runs COMMAND in $ALONE with an empty folder where the toolchain was.
hidden() {
    (cd "$ALONE" && unshare --mount -- sh -c 'mount -t tmpfs none "$0" && exec "$@"' "$TOOLCHAIN" "$@")
}
check "the toolchain can be hidden (unshare --mount, tmpfs)" \
    hidden sh -c '[ -z "$(ls -A "$0")" ]' "$TOOLCHAIN"

out=$(hidden ./attn-tui render --lesson sandbox --size 80x24 --keys 'akiwi<Enter>' 2>"$WORK/err")
status=$?
check "copied alone, toolchain hidden: render exits 0 (stderr: $(head -c 200 "$WORK/err"))" test "$status" -eq 0
check "render draws the sandbox with the added word" grep -q "added kiwi" <<<"$out"
check "render draws a full 80×24 frame" test "$(wc -l <<<"$out")" -eq 24
out=$(hidden ./attn-tui similarity apple banana --json 2>"$WORK/err")
check "copied alone, toolchain hidden: similarity --json answers" grep -q '"a": "apple", "b": "banana"' <<<"$out"
check "the folder still holds only the binary" test "$(ls -A "$ALONE")" = "attn-tui"

# The control: a binary that links the toolchain's libraries cannot start there.
cp "$BIN" "$ALONE/attn-tui-dynamic"
if ldd "$BIN" | grep -q "$TOOLCHAIN"; then
    hidden ./attn-tui-dynamic render --size 80x24 >/dev/null 2>"$WORK/err"
    status=$?
    check "control: the dynamically linked $BIN fails there (exit $status)" test "$status" -ne 0
    check "control: because a shared library is missing" grep -q "shared libraries" "$WORK/err"
else
    fail "control: $BIN was expected to link the toolchain's libraries"
fi

e2e_finish
