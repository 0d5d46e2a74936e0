#!/bin/sh
# Installs the dependencies, builds Redress and runs it from the build tree
# on the default database ($XDG_DATA_HOME/redress/redress.db).
# Extra arguments go to the app: build-aux/run.sh --demo
set -eu
cd "$(dirname "$0")/.."
build-aux/install-deps.sh
[ -d build ] || meson setup build
ninja -C build
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export REDRESS_LOCALEDIR="$PWD/build/po"
export REDRESS_PDF_WORKER="$PWD/build/src/worker/redress-pdf-worker"
exec ./build/src/redress "$@"
