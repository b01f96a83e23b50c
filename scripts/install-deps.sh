#!/usr/bin/env bash
# Installs what Entraide needs to build and test on Debian/Ubuntu: a C compiler and the
# OpenGL/X11 headers Fyne's cgo build uses. Does nothing when everything is there already.
# usage: scripts/install-deps.sh [windows]   (windows: what make windows needs besides)
set -euo pipefail

packages=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
          libxinerama-dev libxi-dev libxxf86vm-dev
          poppler-utils   # pdftotext, pdftoppm: the tests read back the PDFs Entraide prints
          zbar-tools      # zbarimg: the tests decode the barcodes of the printed cards
          python3-icalendar  # an independent parser reads back the meetings' calendars
          xvfb xdotool imagemagick x11-xkb-utils)  # the real-window tests (scripts/realwindow)
# The consumers' validators (scripts/validators: ajv, opening_hours) run on Node.js.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [ "${1:-}" = windows ]; then
  # MinGW cross-compiles the program, windres its icon and version, NSIS the installer;
  # Wine runs the Windows editions in the tests.
  packages+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis zip unzip wine wine64)
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is missing: install it from https://go.dev/dl/ (1.21 or newer fetches the version go.mod asks for), then try again." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root or install sudo to add: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
