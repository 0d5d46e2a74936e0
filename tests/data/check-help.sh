#!/bin/sh
# The user help is valid Mallard, its links and page ids hold, and every
# language in help/LINGUAS is wholly translated: every string of the pages
# (extracted now with itstool, not from a stale template) has a translation,
# none fuzzy, and the translated pages built from it are valid too.
# usage: check-help.sh HELP_SOURCE_DIR HELP_BUILD_DIR
# Exits 77 (skipped) when yelp-check (Debian: yelp-tools) is missing.
set -eu
src=$1; build=$2

if ! command -v yelp-check >/dev/null 2>&1; then
  echo "yelp-check not found (install yelp-tools): skipped"
  exit 77
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# yelp-check links/ids/orphans print one line per problem and exit 0
quiet() {
  out=$("$@" 2>&1) || { echo "$out"; return 1; }
  [ -z "$out" ] || { echo "$out"; return 1; }
}

npages=$(ls "$src"/C/*.page | wc -l)
[ "$npages" -gt 1 ] || fail "no pages in $src/C"

yelp-check validate "$src"/C/*.page || fail "C pages do not validate"
quiet yelp-check links "$src"/C/*.page || fail "C pages have broken links"
quiet yelp-check ids "$src"/C/*.page || fail "C page ids differ from file names"
quiet yelp-check orphans "$src"/C/*.page || fail "C pages that no guide links to"

itstool -o "$tmp/help.pot" "$src"/C/*.page

for lang in $(sed -e 's/#.*//' "$src/LINGUAS"); do
  po="$src/$lang/$lang.po"
  [ -f "$po" ] || { fail "$po is missing"; continue; }
  msgfmt --check -o /dev/null "$po" || fail "$po does not compile"
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/help.pot" -o "$tmp/$lang.po"
  stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang against the pages: $stats"
  case $stats in
    *untranslated*|*fuzzy*)
      fail "$po is incomplete: run ninja help-redress-pot help-redress-update-po, then translate" ;;
  esac

  built=$(ls "$build/$lang"/*.page 2>/dev/null | wc -l)
  [ "$built" -eq "$npages" ] || fail "$built of $npages $lang pages built in $build/$lang"
  if [ "$built" -gt 0 ]; then
    yelp-check validate "$build/$lang"/*.page || fail "$lang pages do not validate"
    quiet yelp-check links "$build/$lang"/*.page || fail "$lang pages have broken links"
  fi
done

[ "$failed" -eq 0 ] && echo "help: $npages pages, valid in C and $(sed -e 's/#.*//' "$src/LINGUAS" | tr -s '\n' ' ' | sed 's/ $//')"
exit "$failed"
