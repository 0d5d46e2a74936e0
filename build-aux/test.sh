#!/bin/sh
# Installs the dependencies, builds Redress with warnings as errors and runs
# the whole suite: unit, cli, gui (under Xvfb) and data tests, then the unit
# and cli suites again under AddressSanitizer and UBSan.  The office-mode
# tests get a PostgreSQL server of their own (build-aux/start-postgres.sh).
# The last line is the summary: "N passed, N failed, N skipped".
set -eu
cd "$(dirname "$0")/.."
build-aux/install-deps.sh

run_suite () {  # BUILD_DIR MESON_SETUP_ARGS... -- MESON_TEST_ARGS...
  dir=$1; shift
  setup=""
  while [ "$1" != "--" ]; do setup="$setup $1"; shift; done; shift
  if [ -d "$dir" ]; then meson setup --reconfigure "$dir" $setup >/dev/null
  else meson setup "$dir" $setup >/dev/null; fi
  ninja -C "$dir"
  xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || true
}

# The office-mode tests use a throwaway PostgreSQL server on loopback,
# stopped and removed when this script ends
eval "$(build-aux/start-postgres.sh)"
trap 'build-aux/start-postgres.sh stop "$REDRESS_TEST_PG_DIR" >/dev/null 2>&1 || true' EXIT

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"

run_suite build-tests --werror --buildtype=debugoptimized --
run_suite build-asan --werror --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
  -- --suite unit --suite cli

python3 build-aux/summarize.py build-tests/meson-logs/testlog.json build-asan/meson-logs/testlog.json
