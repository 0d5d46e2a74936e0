#!/bin/sh
# A translation is complete: every string in the sources (extracted now,
# not from a stale template) is translated, none fuzzy, and msgfmt --check
# accepts it.
# usage: check-translation.sh SOURCE_ROOT LANG
set -eu
root=$1; lang=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$root"
xgettext --files-from=po/POTFILES.in --directory=. --from-code=UTF-8 \
  --add-comments=Translators --package-name=redress -o "$tmp/redress.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/redress.pot" -o "$tmp/merged.po"
msgfmt --check --statistics -o /dev/null "po/$lang.po"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "against the sources: $stats"
case $stats in
  *untranslated*|*fuzzy*) echo "po/$lang.po is incomplete: update it (msgmerge) and translate"; exit 1 ;;
esac
