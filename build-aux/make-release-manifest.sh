#!/bin/sh
# Writes the release Flatpak manifest, ca.redress.Redress.json: the
# development manifest (flatpak/ca.redress.Redress.Devel.json) with the
# release app ID and profile, building the archive that `meson dist` makes,
# pinned by that archive's sha256.
#
# usage: build-aux/make-release-manifest.sh [-C BUILDDIR] [-o MANIFEST]
#            [--url URL] [--archive FILE] [-- MESON_DIST_OPTIONS...]
#   -C BUILDDIR     a build directory (default: build-release, set up when
#                   missing); the version and the addresses come from it
#   -o MANIFEST     where to write (default: beside the archive, in
#                   BUILDDIR/meson-dist)
#   --url URL       where the archive is published (default: the build's
#                   dist_url option, else vcs_url/-/releases/VERSION/downloads/
#                   redress-VERSION.tar.xz)
#   --archive FILE  pin this archive instead of running `meson dist`
#   --local         read the archive from beside the manifest instead of
#                   its URL, to try the release build before publishing
#   MESON_DIST_OPTIONS go to `meson dist`, e.g. -- --no-tests
# `meson dist` runs every suite, the interface's too: without a display, run
# this under `xvfb-run -a dbus-run-session --`.
# Needs meson, python3 and flatpak-builder (which reads the development
# manifest, comments included, and checks the result).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
builddir=build-release
output=""
url=""
archive=""
local=false
while [ $# -gt 0 ]; do
  case $1 in
    -C) builddir=$2; shift 2 ;;
    -o) output=$2; shift 2 ;;
    --url) url=$2; shift 2 ;;
    --archive) archive=$2; shift 2 ;;
    --local) local=true; shift ;;
    --) shift; break ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

[ -d "$builddir/meson-info" ] || meson setup "$builddir" "$root"

info=$(meson introspect "$builddir" --projectinfo --buildoptions)
version=$(printf '%s' "$info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["projectinfo"]["version"])')
if [ -z "$url" ]; then
  url=$(printf '%s' "$info" | python3 -c '
import json, sys
info = json.load(sys.stdin)
opts = {o["name"]: o["value"] for o in info["buildoptions"]}
version = info["projectinfo"]["version"]
url = opts.get("dist_url", "")
if not url:
    url = "%s/-/releases/%s/downloads/redress-%s.tar.xz" % (opts["vcs_url"], version, version)
print(url.replace("@VERSION@", version))')
fi

if [ -z "$archive" ]; then
  meson dist -C "$builddir" --formats xztar "$@"
  archive=$builddir/meson-dist/redress-$version.tar.xz
fi
[ -f "$archive" ] || { echo "no archive: $archive" >&2; exit 1; }
sha256=$(sha256sum "$archive" | cut -d' ' -f1)
[ -n "$output" ] || output=$(dirname "$archive")/ca.redress.Redress.json
if $local; then
  [ "$(cd "$(dirname "$archive")" && pwd)" = "$(cd "$(dirname "$output")" && pwd)" ] ||
    { echo "--local: write the manifest beside the archive" >&2; exit 2; }
  url=""
  archive_name=$(basename "$archive")
else
  archive_name=""
fi

devel=$(flatpak-builder --show-manifest "$root/flatpak/ca.redress.Redress.Devel.json")
printf '%s' "$devel" | python3 -c '
import json, sys
url, sha256, output, archive_name = sys.argv[1:5]
manifest = json.load(sys.stdin)
manifest["id"] = "ca.redress.Redress"
manifest.pop("desktop-file-name-suffix", None)
redress = manifest["modules"][-1]
assert redress["name"] == "redress", "the last module must be Redress itself"
redress["config-opts"] = [o for o in redress["config-opts"] if not o.startswith("-Dprofile=")]
source = {"type": "archive", "url": url} if url else {"type": "archive", "path": archive_name}
source["sha256"] = sha256
redress["sources"] = [source]
# The keys in the order a reader expects them, modules last
first = ["id", "runtime", "runtime-version", "sdk", "command", "finish-args", "cleanup"]
ordered = {k: manifest[k] for k in first if k in manifest}
ordered.update({k: v for k, v in manifest.items() if k not in ordered and k != "modules"})
ordered["modules"] = manifest["modules"]
with open(output, "w") as f:
    json.dump(ordered, f, indent=4, ensure_ascii=False)
    f.write("\n")
' "$url" "$sha256" "$output" "$archive_name"
flatpak-builder --show-manifest "$output" >/dev/null
echo "$output: redress $version from ${url:-$archive_name} (sha256 $sha256)"
