#!/bin/sh
# Every source file with a translatable string is listed in po/POTFILES.in.
# usage: check-potfiles.sh SOURCE_ROOT
set -eu
cd "$1"
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( {
  grep -rlE '(^|[^a-zA-Z0-9_])(N?_|C_|g_dngettext) ?\(' --include='*.c' src || true
  grep -rl 'translatable="yes"' --include='*.ui' src || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml data/checklist.desktop
} | sort -u)
missing=$(printf '%s\n' "$found" | while read -r f; do
  printf '%s\n' "$listed" | grep -qxF "$f" || printf '%s\n' "$f"
done)
stale=$(printf '%s\n' "$listed" | while read -r f; do
  [ -e "$f" ] || printf '%s\n' "$f"
done)
status=0
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"; echo "$missing"; status=1
fi
if [ -n "$stale" ]; then
  echo "po/POTFILES.in lists files that do not exist:"; echo "$stale"; status=1
fi
[ $status -eq 0 ] && echo "POTFILES.in lists all $(printf '%s\n' "$listed" | wc -l) files with translatable strings"
exit $status
