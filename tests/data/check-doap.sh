#!/bin/sh
# redress.doap is well-formed and gives the same addresses as the build
# options (meson_options.txt), which a publisher may have changed.
# usage: check-doap.sh DOAP HOMEPAGE BUGTRACKER VCS_URL
set -eu
doap=$1; status=0
if command -v xmllint >/dev/null; then xmllint --noout "$doap"; fi
for pair in "homepage $2" "bug-database $3" "browse $4"; do
  tag=${pair%% *}; url=${pair#* }
  grep -q "<$tag rdf:resource=\"$url\"" "$doap" ||
    { echo "$doap: <$tag> is not $url (the build option)"; status=1; }
done
[ $status -eq 0 ] && echo "doap ok"
exit $status
