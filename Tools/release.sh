#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the release archive of attn-tui:
#
#   bash Tools/release.sh [--out DIR] [--allow-dirty]
#
# writes DIR (default dist/) /attn-tui-VERSION-linux-ARCH.tar.gz and its .sha256, holding
#
#   attn-tui-VERSION-linux-ARCH/
#     bin/attn-tui                                    the static release binary, stripped
#     share/man/man1/attn-tui.1                       the manual (argument-parser's generate-manual)
#     share/bash-completion/completions/attn-tui      completions, from the same definitions
#     share/zsh/site-functions/_attn-tui
#     share/fish/vendor_completions.d/attn-tui.fish
#     README.md LICENSE NOTICE THIRD-PARTY-NOTICES.txt (= attn-tui --licenses)
#     SHA256SUMS                                      of every other file (sha256sum -c SHA256SUMS)
#
# so that `cp -r bin share ~/.local/` installs it. VERSION is what the binary's --version says
# (Sources/attn-tui/Version.swift). The binary names the commit it was built from: a tree with
# uncommitted changes is refused unless --allow-dirty. The archive is reproducible: names
# sorted, owner 0, every date the commit's (SOURCE_DATE_EPOCH when set).
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
allow_dirty=0
while (($#)); do
    case $1 in
        --out) out=$2; shift 2 ;;
        --allow-dirty) allow_dirty=1; shift ;;
        *) echo "usage: bash Tools/release.sh [--out DIR] [--allow-dirty]" >&2; exit 2 ;;
    esac
done
say() { echo "release.sh: $*" >&2; }

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    if [[ -n $(git status --porcelain) ]] && ((!allow_dirty)); then
        say "the working tree has uncommitted changes, and the binary would name a commit it was not built from"
        say "commit them, or pass --allow-dirty"
        exit 1
    fi
    epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
else
    epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
fi

say "building the static release binary"
swift build -c release --static-swift-stdlib --product attn-tui >&2
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/attn-tui"
version=$("$bin" --version | sed -n '1s/^attn-tui //p')
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { say "cannot read the version from $bin --version"; exit 1; }
if readelf -S "$bin" | grep -q '\.symtab'; then
    say "$bin still has its symbol table (Package.swift links the release with --strip-all)"
    exit 1
fi
name="attn-tui-$version-linux-$(uname -m)"

# generate-manual drops every character outside ASCII ("1–14" would read "114").
if "$bin" --experimental-dump-help | LC_ALL=C grep -q '[^ -~]'; then
    say "a help text holds characters outside ASCII, which the manual would drop:"
    "$bin" --experimental-dump-help | LC_ALL=C grep -o '"[^"]*[^ -~][^"]*"' | head -5 >&2
    exit 1
fi
say "generating the manual"
# The plugin builds the package (debug: the same argument definitions, and CI has that build
# already) and its own tool, then runs the tool on the built attn-tui.
manual_dir=.build/plugins/GenerateManual/outputs/attn-tui
rm -f "$manual_dir/attn-tui.1"
swift package generate-manual --configuration debug --date "$(date -u -d "@$epoch" +%Y-%m-%d)" >&2
[[ -s $manual_dir/attn-tui.1 ]] || { say "generate-manual wrote no $manual_dir/attn-tui.1"; exit 1; }

stage_root=$(mktemp -d "${TMPDIR:-/tmp}/attn-release.XXXXXX")
trap 'rm -rf "$stage_root"' EXIT
stage=$stage_root/$name
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
    "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
install -m 755 "$bin" "$stage/bin/attn-tui"
# generate-manual keeps the help's blank lines, which mdoc warns about ("Empty input line"):
# a blank line there is a paragraph break, .Pp.
sed 's/^$/.Pp/' "$manual_dir/attn-tui.1" >"$stage/share/man/man1/attn-tui.1"
chmod 644 "$stage/share/man/man1/attn-tui.1"
"$bin" --generate-completion-script bash >"$stage/share/bash-completion/completions/attn-tui"
"$bin" --generate-completion-script zsh >"$stage/share/zsh/site-functions/_attn-tui"
"$bin" --generate-completion-script fish >"$stage/share/fish/vendor_completions.d/attn-tui.fish"
install -m 644 README.md LICENSE NOTICE "$stage/"
"$bin" --licenses >"$stage/THIRD-PARTY-NOTICES.txt"
sums=$(cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum)
printf '%s\n' "$sums" >"$stage/SHA256SUMS"
chmod 644 "$stage/SHA256SUMS"

mkdir -p "$out"
archive="$out/$name.tar.gz"
find "$stage_root" -exec touch -h -d "@$epoch" {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage_root" -cf - "$name" | gzip -n -9 >"$archive"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

say "wrote $archive ($(stat -c %s "$archive") bytes) and $archive.sha256:"
tar -tvzf "$archive" >&2
echo "$archive"
