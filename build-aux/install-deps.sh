#!/bin/sh
# Installs what Redress needs to build, run and be tested on Debian 12.
# Runs apt-get as root (through sudo when you are not root); does nothing
# when everything is already installed.
set -eu

packages="
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libpoppler-glib-dev libsqlite3-dev libjson-glib-dev
  libtesseract-dev tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-osd img2pdf
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus dbus-x11 at-spi2-core
  imagemagick poppler-utils xdotool python3 valgrind
  itstool yelp-tools python3-icalendar
  libpq-dev postgresql openssl
"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
