#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The release archive (issue 19.11): Tools/release.sh builds attn-tui-VERSION-linux-ARCH.tar.gz;
# unpacked in an empty folder while the toolchain is out of reach (an empty tmpfs mounted
# over it, as in static_test.sh), its files check out against SHA256SUMS, the binary says
# its version and draws, `man -l` reads its manual, its bash completions load and complete,
# and it needs no library but glibc's and ncurses'.
# The static build is the one static_test.sh makes (whichever runs first pays for it); the
# manual comes from the debug build CI has already.
# Needs root (or unprivileged user namespaces) for `unshare --mount`.
#
#   bash Tests/EndToEnd/release_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016 # bash -c '…' "$var" on purpose
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/check-lib.sh"
e2e_init "$@"
cd "$HERE/../.."

if ! command -v man >/dev/null; then
    echo "installing man-db"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db >/dev/null; }
fi

begin=$(date +%s)
if bash Tools/release.sh --allow-dirty --out "$WORK/dist" >"$WORK/archive" 2>"$WORK/release.log"; then
    pass "Tools/release.sh ($(($(date +%s) - begin)) s)"
else
    tail -30 "$WORK/release.log" >&2
    fail "Tools/release.sh"
    e2e_finish
fi
archive=$(cat "$WORK/archive")
name=$(basename "$archive" .tar.gz)
STATIC="$(swift build -c release --static-swift-stdlib --show-bin-path)/attn-tui"
version=$("$STATIC" --version | sed -n '1s/^attn-tui //p')
check "the archive is named attn-tui-$version-linux-$(uname -m).tar.gz" test "$name" = "attn-tui-$version-linux-$(uname -m)"
check "its .sha256 beside it checks" bash -c 'cd "$(dirname "$0")" && sha256sum --quiet -c "$(basename "$0").sha256"' "$archive"
echo "   $(stat -c %s "$archive") bytes"

expected="$name/
$name/LICENSE
$name/NOTICE
$name/README.md
$name/SHA256SUMS
$name/THIRD-PARTY-NOTICES.txt
$name/bin/
$name/bin/attn-tui
$name/share/
$name/share/bash-completion/
$name/share/bash-completion/completions/
$name/share/bash-completion/completions/attn-tui
$name/share/fish/
$name/share/fish/vendor_completions.d/
$name/share/fish/vendor_completions.d/attn-tui.fish
$name/share/man/
$name/share/man/man1/
$name/share/man/man1/attn-tui.1
$name/share/zsh/
$name/share/zsh/site-functions/
$name/share/zsh/site-functions/_attn-tui"
check "it holds the binary, the manual, three completions, the notices and SHA256SUMS, nothing else" \
    same_text "$(tar -tzf "$archive")" "$expected" "the archive's list (<) and the expected one (>)"

ALONE="$WORK/empty"
mkdir -p "$ALONE"
tar -xzf "$archive" -C "$ALONE"
TOOLCHAIN=$(cd "$(dirname "$(readlink -f "$(command -v swift)")")/.." && pwd)
# hidden COMMAND...: runs COMMAND in the unpacked folder with an empty folder where the toolchain was.
hidden() {
    (cd "$ALONE/$name" && unshare --mount -- sh -c 'mount -t tmpfs none "$0" && exec "$@"' "$TOOLCHAIN" "$@")
}
check "the toolchain can be hidden (unshare --mount, tmpfs)" hidden sh -c '[ -z "$(ls -A "$0")" ]' "$TOOLCHAIN"
check "sha256sum -c SHA256SUMS passes" hidden sha256sum --quiet -c SHA256SUMS
check "SHA256SUMS names every other file" \
    hidden sh -c '[ "$(find . -type f ! -name SHA256SUMS | wc -l)" -eq "$(wc -l <SHA256SUMS)" ]'

out=$(hidden bin/attn-tui --version 2>&1)
pack=$(cat Assets/wordpack/* | sha256sum | cut -d' ' -f1)
check "--version says the version" test "$(sed -n 1p <<<"$out")" = "attn-tui $version"
check "  the commit it was built from" text_has '^commit ([0-9a-f]{40}|unknown)$' "$(sed -n 2p <<<"$out")"
check "  and the word pack's SHA-256, as cat Assets/wordpack/* | sha256sum says" \
    test "$(sed -n 3p <<<"$out")" = "word pack sha256 $pack"
out=$(hidden bin/attn-tui render --lesson sandbox --size 80x24 --keys 'akiwi<Enter>' 2>"$WORK/err")
check "render draws a full 80x24 frame with the word added (stderr: $(head -c 200 "$WORK/err"))" \
    bash -c '[ "$(wc -l <<<"$0")" -eq 24 ] && grep -q "added kiwi" <<<"$0"' "$out"
check "the binary is stripped (no symbol table)" bash -c '! readelf -S "$0" | grep -q "\.symtab"' "$ALONE/$name/bin/attn-tui"
libraries=$(ldd "$ALONE/$name/bin/attn-tui" | awk '{ print $1 }' | sed 's/\.so.*//' | sort | paste -sd' ')
check "it needs glibc and ncurses only, not libstdc++ nor libgcc_s ($libraries)" \
    bash -c '[[ " $0 " != *libstdc++* && " $0 " != *libgcc_s* && " $0 " == *libncursesw* ]]' "$libraries"
glibc=$(objdump -T "$ALONE/$name/bin/attn-tui" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 | cut -d_ -f2)
check "the README says truly which glibc it needs ($glibc)" grep -q "glibc $glibc or newer" README.md
check "THIRD-PARTY-NOTICES.txt is what --licenses prints" \
    hidden sh -c 'bin/attn-tui --licenses | cmp -s - THIRD-PARTY-NOTICES.txt'

manual=$(hidden env MANWIDTH=80 MANPAGER=cat man -l share/man/man1/attn-tui.1 2>"$WORK/err")
check "man -l reads the manual (stderr: $(head -c 200 "$WORK/err"))" text_has '^NAME' "$manual" "the manual"
check "  without a warning (stderr: $(head -c 200 "$WORK/err"))" test ! -s "$WORK/err"
check "  its synopsis and every subcommand" \
    bash -c 'for s in SYNOPSIS start lessons words similarity matrix attention neighbors render export; do grep -qw -- "$s" <<<"$0" || { echo "  missing: $s" >&2; exit 1; }; done' "$manual"
check "  the options, --theme and --licenses among them" text_has '--theme light\|dark' "$manual" "the manual"
# generate-manual drops non-ASCII (a dash in 1–14 came out as 114), so --help is kept to ASCII.
check "  the help's words whole (nothing dropped as non-ASCII)" text_has "Open this lesson: its id or its number \\(see 'attn-tui" "$manual" "the manual"
check "--help says where the manual is" text_has 'man attn-tui' "$(hidden bin/attn-tui --help)"

completion='source share/bash-completion/completions/attn-tui || exit 1
complete -p attn-tui >/dev/null || exit 2
COMP_WORDS=(attn-tui ren); COMP_CWORD=1; COMP_LINE="attn-tui ren"; COMP_POINT=${#COMP_LINE}
_attn-tui attn-tui ren attn-tui
printf "%s\n" "${COMPREPLY[@]}"'
out=$(hidden bash --norc --noprofile -c "$completion" 2>"$WORK/err")
check "the bash completions load and register attn-tui (stderr: $(head -c 200 "$WORK/err"))" test $? -eq 0
check "  and complete 'attn-tui ren' to render" text_has '^render$' "$out" "the completions"
if command -v zsh >/dev/null; then
    check "the zsh completions parse" zsh -n "$ALONE/$name/share/zsh/site-functions/_attn-tui"
fi
if command -v fish >/dev/null; then
    check "the fish completions parse" fish --no-execute "$ALONE/$name/share/fish/vendor_completions.d/attn-tui.fish"
fi

before=$(sha256sum "$archive" | cut -d' ' -f1)
bash Tools/release.sh --allow-dirty --out "$WORK/dist2" >/dev/null 2>"$WORK/release2.log"
check "a second run writes the same archive, byte for byte (reproducible)" \
    test "$before" = "$(sha256sum "$WORK/dist2/$name.tar.gz" | cut -d' ' -f1)"

e2e_finish
