#!/usr/bin/env bash
# Builds the Windows editions from Debian, into dist/:
#   entraide-VERSION-windows-setup.exe     per-user installer (NSIS, no administrator rights)
#   entraide-VERSION-windows-portable.zip  USB-key edition (program and entraide-data side by side)
# VERSION comes from FyneApp.toml. The work tree is left as it was.
# usage: scripts/build-windows.sh   (make windows)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh windows

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
[ -n "$version" ] || { echo "no Version in FyneApp.toml" >&2; exit 1; }
IFS=. read -r major minor patch <<<"$version"
version4="$major.$minor.${patch:-0}.${build:-0}"
work=$(mktemp -d)
syso=rsrc_windows_amd64.syso # linked into the Windows build only, removed afterwards
trap 'rm -rf "$work"; rm -f "$syso"' EXIT

# Icon, manifest and version: a resource object the Go linker takes from the main package.
icon=$(sed -n 's/^Icon *= *"\(.*\)"/\1/p' FyneApp.toml)
convert "${icon:-assets/icon.png}" -define icon:auto-resize=256,64,48,32,16 "$work/entraide.ico"
fill() { sed -e "s/@VERSION@/$version/g" -e "s/@VERSION4@/$version4/g" -e "s/@VERSION_COMMA@/${version4//./,}/g" "$1"; }
fill scripts/windows/entraide.manifest >"$work/entraide.manifest"
fill scripts/windows/entraide.rc >"$work/entraide.rc"
(cd "$work" && x86_64-w64-mingw32-windres -O coff -o entraide.syso entraide.rc)
cp "$work/entraide.syso" "$syso"

echo "Building entraide.exe (the first time takes several minutes)"
started=$(date +%s)
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -tags migrated_fynedo -trimpath -ldflags "-H=windowsgui -s -w" -o "$work/entraide.exe" .
rm -f "$syso"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 \
  go build -tags migrated_fynedo -trimpath -ldflags "-s -w" -o "$work/entraidectl.exe" ./cmd/entraidectl
echo "Built in $(( $(date +%s) - started )) s"

mkdir -p dist
rm -f dist/entraide-*-windows-setup.exe dist/entraide-*-windows-portable.zip # one version at a time
setup="dist/entraide-$version-windows-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DVERSION4="$version4" -DBINDIR="$work" \
  -DOUTFILE="$PWD/$setup" scripts/windows/installer.nsi

portable="$work/entraide-$version-windows-portable"
mkdir -p "$portable/entraide-data"
cp "$work/entraide.exe" "$work/entraidectl.exe" "$portable/"
{ printf '\xef\xbb\xbf'; fill scripts/windows/LISEZMOI.txt.in; } >"$portable/LISEZMOI.txt"
zip_out="$PWD/dist/entraide-$version-windows-portable.zip"
rm -f "$zip_out"
(cd "$work" && zip -q -r -X "$zip_out" "$(basename "$portable")")

ls -l "$setup" "dist/entraide-$version-windows-portable.zip"
