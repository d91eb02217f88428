#!/usr/bin/env bash
# install.sh: copies a built actbench into a prefix, or removes it again.
#   scripts/install.sh install BIN PREFIX [DESTDIR]
#   scripts/install.sh uninstall PREFIX [DESTDIR]
# `make install` / `make uninstall` call it (PREFIX, DESTDIR); the install
# test calls it directly with the binary under test, so that nothing is
# rebuilt.  Installs: PREFIX/bin/actbench, the plugin API headers in
# PREFIX/include/actbench/, PREFIX/lib/pkgconfig/actbench.pc (version: the
# plugin ABI), the man page, the bash completion and the report's gnuplot
# scripts in PREFIX/share/actbench/scripts.  DESTDIR is prepended to every
# installed path but not written into actbench.pc (staged installs).
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "install.sh: $*" >&2; exit 2; }
usage="usage: install.sh install BIN PREFIX [DESTDIR] | install.sh uninstall PREFIX [DESTDIR]"

mode=${1:-}
case $mode in
  install)   [ $# -ge 3 ] && [ $# -le 4 ] || die "$usage"; bin=$2; prefix=$3; destdir=${4:-} ;;
  uninstall) [ $# -ge 2 ] && [ $# -le 3 ] || die "$usage"; prefix=$2; destdir=${3:-} ;;
  *) die "$usage" ;;
esac
# actbench.pc holds the prefix verbatim: pkg-config splits on white space.
case $prefix in
  /*) ;;
  *) die "PREFIX must be an absolute path (got '$prefix')" ;;
esac
[[ $prefix =~ [[:space:]] ]] && die "PREFIX must not contain white space (got '$prefix')"
prefix=${prefix%/}
root=$destdir$prefix

headers=("$src"/api/*.h)
scripts=("$src"/scripts/*.gp)
# Every installed file, relative to the prefix (uninstall removes these).
files=(bin/actbench lib/pkgconfig/actbench.pc share/man/man1/actbench.1
       share/bash-completion/completions/actbench)
for h in "${headers[@]}"; do files+=("include/actbench/${h##*/}"); done
for g in "${scripts[@]}"; do files+=("share/actbench/scripts/${g##*/}"); done

if [ "$mode" = uninstall ]; then
  for f in "${files[@]}"; do rm -f "$root/$f"; done
  for d in include/actbench share/actbench/scripts share/actbench; do
    rmdir "$root/$d" 2>/dev/null || true
  done
  exit 0
fi

[ -x "$bin" ] && [ -f "$bin" ] || die "no executable at $bin (build it first: make)"
version=$(sed -n 's/^#define ACTBENCH_ABI_VERSION \([0-9][0-9]*\)$/\1/p' "$src/api/actbench.h")
[ -n "$version" ] || die "no ACTBENCH_ABI_VERSION in $src/api/actbench.h"

# install(1) copies to a temporary in the directory and renames it, so a
# running actbench is not overwritten in place.
install -d "$root/bin" "$root/include/actbench" "$root/lib/pkgconfig" "$root/share/man/man1" \
           "$root/share/bash-completion/completions" "$root/share/actbench/scripts"
install -m 755 "$bin" "$root/bin/actbench"
install -m 644 "${headers[@]}" "$root/include/actbench/"
install -m 644 "${scripts[@]}" "$root/share/actbench/scripts/"
install -m 644 "$src/doc/actbench.1" "$root/share/man/man1/actbench.1"
install -m 644 "$src/share/bash-completion/completions/actbench" \
               "$root/share/bash-completion/completions/actbench"
pc=$(mktemp "$root/lib/pkgconfig/.actbench.pc.XXXXXX")
trap 'rm -f "$pc"' EXIT
# (sed's replacement text: &, | and \ escaped.)
esc=$(printf '%s' "$prefix" | sed 's/[&|\\]/\\&/g')
sed -e "s|@PREFIX@|$esc|g" -e "s|@VERSION@|$version|g" "$src/actbench.pc.in" > "$pc"
chmod 644 "$pc"
mv "$pc" "$root/lib/pkgconfig/actbench.pc"
trap - EXIT
