#!/bin/sh
# The metainfo passes AppStream's pedantic validation with no issue at all,
# except two that are not the file's to fix:
#  - cid-contains-uppercase-letter: the app ID ca.redress.Redress is fixed;
#  - unknown-tag developer: <developer id=…> is AppStream 1.0's, and an
#    older appstreamcli (Debian 12 has 0.16) does not know it yet.
# usage: check-metainfo.sh METAINFO
set -eu
command -v appstreamcli >/dev/null || { echo "appstreamcli is not installed"; exit 77; }
allowed='cid-contains-uppercase-letter'
case $(appstreamcli --version) in
  *"version: 0."*) allowed="$allowed|unknown-tag developer" ;;
esac
status=0
out=$(appstreamcli validate --pedantic --no-net "$1" 2>&1) || status=$?
printf '%s\n' "$out"
[ $status -eq 0 ] || { echo "appstreamcli rejects $1"; exit 1; }
issues=$(printf '%s\n' "$out" | grep -E '^[EWIP]: ' | grep -vE ": ($allowed)( |\$)" || true)
if [ -n "$issues" ]; then
  echo "Issues to fix:"; printf '%s\n' "$issues"; exit 1
fi
echo "metainfo ok"
