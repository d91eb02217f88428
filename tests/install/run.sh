#!/usr/bin/env bash
# run.sh BIN SRCDIR PART: installs BIN with SRCDIR/scripts/install.sh into a
# temporary prefix (nothing is rebuilt), then checks PART using only the
# installed files, from a directory outside the source tree:
#   plugin      pkg-config gives the flags, the example plugin (its include
#               line pointed at <actbench.h>) builds with them alone, and the
#               installed binary loads it: list, a small sweep, eval
#   completion  the script sources cleanly and registers actbench; it offers
#               every command, and every option each command accepts
#   man         the page is installed; every command has a section naming
#               every option it accepts (groff -ww finds nothing, if present)
#   layout      DESTDIR staging, actbench.pc's prefix and version, uninstall
# "Every option a command accepts" is the list its parser prints for an
# unknown option ("(valid: ...)"), not its --help, so that a help text or a
# page that omits an option fails here.  Prints "ok PART" and exits 0, or
# one line per problem on stderr and exits 1.
set -uo pipefail

bin=$1 src=$2 part=$3
tmp=$(mktemp -d /tmp/actbench-install-XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cd "$tmp" || exit 1
bad=0
fail() { echo "install test ($part): $*" >&2; bad=1; }

if ! out=$(bash "$src/scripts/install.sh" install "$bin" "$prefix" 2>&1); then
  echo "install test: scripts/install.sh failed: $out" >&2
  exit 1
fi
ab=$prefix/bin/actbench

# The commands, from actbench --help.
commands() { "$ab" --help | sed -n '/^commands:/,${/^  [a-z]/p;}' | awk '{print $1}'; }
# The options CMD (empty: the global ones) accepts, from its parser.
accepted() {
  local msg
  msg=$("$ab" ${1:+"$1"} --no-such-option 2>&1 >/dev/null)
  [ $? = 2 ] || { fail "actbench $1 --no-such-option: not exit status 2"; return; }
  sed -n 's/.*(valid: \([^;)]*\).*/\1/p' <<<"$msg" | tr ',' '\n' | tr -d ' ' | grep .
}

case $part in
plugin)
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
  cflags=$(pkg-config --cflags actbench) || fail "pkg-config --cflags actbench failed"
  libs=$(pkg-config --libs actbench) || fail "pkg-config --libs actbench failed"
  [[ " $cflags " == *" -I$prefix/include/actbench "* ]] || fail "cflags '$cflags' lack -I$prefix/include/actbench"
  mkdir plugin
  sed 's|^#include "../../api/actbench.h"$|#include <actbench.h>|' \
    "$src/examples/plugin/my_sigmoid.c" > plugin/my_sigmoid.c
  grep -q '^#include <actbench.h>$' plugin/my_sigmoid.c || fail "the example's include line changed: update this test"
  cc $cflags -std=c17 -Wall -Wextra -Werror -O2 -fPIC -shared -o plugin/my_sigmoid.so \
     plugin/my_sigmoid.c $libs || fail "the example plugin does not build with the installed header"
  list=$("$ab" --plugin plugin/my_sigmoid.so list) || fail "actbench --plugin list failed"
  grep -q '^swish_beta2,stable,stable,f32,scalar,1$' <<<"$list" || fail "swish_beta2 (the plugin's activation) not listed"
  grep -q '^sigmoid,via-tanh,stable,f32,' <<<"$list" || fail "sigmoid's via-tanh (the plugin's variant) not listed"
  "$ab" --plugin plugin/my_sigmoid.so sweep --activation swish_beta2 --precision f32 --range core \
    --samples 256 --quiet -o acc.csv || fail "the plugin's sweep failed"
  [ "$(grep -c '^swish_beta2,stable,' acc.csv 2>/dev/null)" = 1 ] || fail "no swish_beta2 row in the sweep"
  ev=$("$ab" --plugin plugin/my_sigmoid.so eval --activation swish_beta2 --precision f32 0x1p-1) ||
    fail "the plugin's eval failed"
  grep -qE '^ +0x1p-1 +stable +0x1\.764d5p-2 .* cr$' <<<"$ev" || fail "eval of the plugin's variant: $ev"
  ;;
completion)
  f=$prefix/share/bash-completion/completions/actbench
  reg=$(bash --norc -c 'source "$1" && complete -p actbench' _ "$f" 2>&1) || fail "sourcing $f: $reg"
  [ "$reg" = "complete -F _actbench actbench" ] || fail "registered as: $reg"
  # COMPREPLY for the words "$@" (the last one being completed).
  complete_words() {
    bash --norc -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _actbench
                    printf "%s\n" "${COMPREPLY[@]}"' _ "$f" "$@"
  }
  got=$(complete_words "$ab" "")
  for c in $(commands); do grep -qx -- "$c" <<<"$got" || fail "command $c not offered"; done
  [ -n "$(commands)" ] || fail "no commands in actbench --help"
  got=$(complete_words "$ab" -)
  for o in $(accepted ""); do grep -qx -- "$o" <<<"$got" || fail "global option $o not offered"; done
  for c in $(commands); do
    got=$(complete_words "$ab" "$c" -)
    for o in $(accepted "$c"); do grep -qx -- "$o" <<<"$got" || fail "$c: option $o not offered"; done
  done
  got=$(complete_words "$ab" sweep --precision f3)
  [ "$got" = f32 ] || fail "sweep --precision f3 offers '$got'"
  got=$(complete_words "$ab" sweep --activation tanh,sigm)
  [ "$got" = tanh,sigmoid ] || fail "sweep --activation tanh,sigm offers '$got'"
  ;;
man)
  page=$prefix/share/man/man1/actbench.1
  [ -s "$page" ] || fail "no man page at $page"
  head -n 5 "$page" | grep -q '^\.TH ACTBENCH 1' || fail "no .TH line"
  # The text of the section that starts at the line matching $1 (hyphens
  # unescaped).
  section() { awk -v start="$1" '$0 ~ start {p=1; next} p && /^\.S[HS] / {exit} p' "$page" | sed 's/\\-/-/g'; }
  for s in NAME SYNOPSIS DESCRIPTION COMMANDS METRICS "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
    grep -q "^\.SH \"*$s\"*\$" "$page" || fail "no section $s"
  done
  text=$(section '^\.SH "*GLOBAL OPTIONS')
  for o in $(accepted ""); do grep -qwF -- "$o" <<<"$text" || fail "global option $o not in GLOBAL OPTIONS"; done
  for c in $(commands); do
    text=$(section "^\\.SS $c\$")
    [ -n "$text" ] || { fail "no section for the command $c"; continue; }
    for o in $(accepted "$c"); do
      [ "$o" = --help ] && continue # said once, under COMMANDS
      grep -qwF -- "$o" <<<"$text" || fail "$c: option $o not in its section"
    done
  done
  if command -v groff >/dev/null; then
    warn=$(groff -man -ww -z "$page" 2>&1) || fail "groff failed"
    [ -z "$warn" ] || fail "groff: $warn"
  fi
  ;;
layout)
  stage=$tmp/stage
  bash "$src/scripts/install.sh" install "$bin" /opt/ab "$stage" || fail "DESTDIR install failed"
  [ -x "$stage/opt/ab/bin/actbench" ] || fail "DESTDIR: no $stage/opt/ab/bin/actbench"
  grep -qx 'prefix=/opt/ab' "$stage/opt/ab/lib/pkgconfig/actbench.pc" || fail "DESTDIR leaked into actbench.pc"
  abi=$(sed -n 's/^#define ACTBENCH_ABI_VERSION //p' "$prefix/include/actbench/actbench.h")
  v=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --modversion actbench)
  [ -n "$abi" ] && [ "$v" = "$abi" ] || fail "actbench.pc version '$v', ABI '$abi'"
  for g in "$src"/scripts/*.gp; do
    cmp -s "$g" "$prefix/share/actbench/scripts/${g##*/}" || fail "${g##*/} not installed"
  done
  for h in "$src"/api/*.h; do
    cmp -s "$h" "$prefix/include/actbench/${h##*/}" || fail "${h##*/} not installed"
  done
  touch "$prefix/bin/other" # not ours: uninstall leaves it
  bash "$src/scripts/install.sh" uninstall "$prefix" || fail "uninstall failed"
  left=$(cd "$prefix" && find . -type f | sort | tr '\n' ' ')
  [ "$left" = "./bin/other " ] || fail "after uninstall: $left"
  [ ! -e "$prefix/include/actbench" ] && [ ! -e "$prefix/share/actbench" ] || fail "uninstall left actbench's directories"
  bash "$src/scripts/install.sh" install "$bin" relative/prefix 2>/dev/null
  [ $? = 2 ] || fail "a relative PREFIX is not refused with exit status 2"
  ;;
*) echo "install test: unknown part '$part'" >&2; exit 2 ;;
esac
[ $bad = 0 ] && echo "ok $part"
exit $bad
