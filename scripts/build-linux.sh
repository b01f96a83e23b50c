#!/usr/bin/env bash
# Builds the Linux package dist/entraide-VERSION-linux-amd64.tar.xz with fyne package: the
# program, its icon and desktop entry, and a Makefile that installs them for the user
# (make user-install) or the system. The work tree is left as it was (fyne package
# raises Build in FyneApp.toml: it runs on a copy).
# usage: scripts/build-linux.sh   (make linux)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
fyne_tool=fyne.io/tools/cmd/fyne@v1.7.4
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar --exclude=./dist --exclude=./bin --exclude=./.git -cf - . | tar -xf - -C "$work"
# The program is built here with the flags the tests use, so that Go's cache serves both;
# fyne package then only wraps it.
go build -tags migrated_fynedo -ldflags "-s -w" -o "$work/entraide" .
(cd "$work" && go run "$fyne_tool" package --os linux --executable "$work/entraide" --release)
mkdir -p dist
rm -f dist/entraide-*-linux-amd64.tar.xz # one version at a time
mv "$work/Entraide.tar.xz" "dist/entraide-$version-linux-amd64.tar.xz"
ls -l "dist/entraide-$version-linux-amd64.tar.xz"
