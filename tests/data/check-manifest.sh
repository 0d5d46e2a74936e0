#!/bin/sh
# flatpak-builder can read the manifest and knows every property in it.
# usage: check-manifest.sh MANIFEST
set -eu
command -v flatpak-builder >/dev/null || { echo "flatpak-builder is not installed"; exit 77; }
err=$(mktemp); trap 'rm -f "$err"' EXIT
flatpak-builder --show-manifest "$1" >/dev/null 2>"$err" || { cat "$err"; exit 1; }
if grep -i "unknown property" "$err"; then exit 1; fi
grep -q '"--share=network"' "$1" && { echo "the manifest must not ask for the network"; exit 1; }
grep -q '"--filesystem=' "$1" && { echo "files come in through the portal: no --filesystem"; exit 1; }
echo "manifest ok"
