#!/bin/sh
# The D-Bus service file lets the session bus start Redress for a desktop
# file that says DBusActivatable=true: its name is the app ID, the desktop
# file's name, and it runs the installed binary as a GApplication service.
# usage: check-dbus-service.sh SERVICE DESKTOP_FILE APP_ID BINDIR
set -eu
service=$1; desktop=$2; app_id=$3; bindir=$4
fail() { echo "$service: $*"; exit 1; }
[ "$(sed -n 1p "$service")" = "[D-BUS Service]" ] || fail "the first line must be [D-BUS Service]"
[ "$(basename "$service")" = "$app_id.service" ] || fail "the file must be named $app_id.service"
[ "$(basename "$desktop")" = "$app_id.desktop" ] || fail "the desktop file must be named $app_id.desktop"
name=$(sed -n 's/^Name=//p' "$service")
[ "$name" = "$app_id" ] || fail "Name=$name, not $app_id"
exec_line=$(sed -n 's/^Exec=//p' "$service")
[ "$exec_line" = "$bindir/redress --gapplication-service" ] ||
  fail "Exec=$exec_line, not $bindir/redress --gapplication-service"
grep -qx 'DBusActivatable=true' "$desktop" || fail "$desktop does not say DBusActivatable=true"
bad=$(grep -vE '^(\[D-BUS Service\]|Name=.*|Exec=.*|#.*|)$' "$service" || true)
[ -z "$bad" ] || fail "unexpected lines: $bad"
echo "D-Bus service ok"
