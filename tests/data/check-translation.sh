#!/bin/sh
# A translation is complete: every string in the sources (extracted now,
# not from a stale template) is translated, none fuzzy, and msgfmt --check
# accepts it.
# usage: check-translation.sh SOURCE_ROOT LANG
set -eu
root=$1; lang=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$root"
sh po/make-pot.sh "$tmp/redress.pot"
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/redress.pot" -o "$tmp/merged.po"
msgfmt --check --statistics -o /dev/null "po/$lang.po"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "against the sources: $stats"
case $stats in
  *untranslated*|*fuzzy*) echo "po/$lang.po is incomplete: update it (msgmerge) and translate"; exit 1 ;;
esac
