#!/bin/sh
# build-aux/make-release-manifest.sh turns the development manifest into the
# release one: the release app ID and profile, and the archive given (here
# a stand-in for the one `meson dist` makes) pinned by its own sha256.
# usage: check-release-manifest.sh SOURCE_ROOT BUILD_ROOT
set -eu
root=$1; build=$2
command -v flatpak-builder >/dev/null || { echo "flatpak-builder is not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'a stand-in for the dist archive\n' > "$tmp/redress.tar.xz"
sh "$root/build-aux/make-release-manifest.sh" -C "$build" --archive "$tmp/redress.tar.xz" \
  --url https://example.org/redress.tar.xz -o "$tmp/ca.redress.Redress.json"
sha=$(sha256sum "$tmp/redress.tar.xz" | cut -d' ' -f1)
python3 - "$tmp/ca.redress.Redress.json" "$sha" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
sha = sys.argv[2]
assert manifest["id"] == "ca.redress.Redress", manifest["id"]
assert "desktop-file-name-suffix" not in manifest
redress = manifest["modules"][-1]
assert redress["name"] == "redress"
assert not any(o.startswith("-Dprofile") for o in redress["config-opts"]), redress["config-opts"]
assert redress["sources"] == [{"type": "archive", "url": "https://example.org/redress.tar.xz",
                               "sha256": sha}], redress["sources"]
for module in manifest["modules"][:-1]:
    for source in module["sources"]:
        assert len(source.get("sha256", "")) == 64, (module["name"], source)
PY
sh "$root/tests/data/check-manifest.sh" "$tmp/ca.redress.Redress.json"
echo "release manifest ok"
