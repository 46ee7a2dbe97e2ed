#!/bin/sh
# Make a compressed disk image holding Hearth.app and a link to /Applications, so people
# install by dragging. Usage: make_dmg.sh dist/Hearth.app dist/hearth-1.2.3-macos-arm64.dmg
set -eu

app="$1"
output="$2"
if [ ! -d "$app" ]; then
    echo "make_dmg.sh: $app not found (build the bundle first)" >&2
    exit 1
fi
staging="$(mktemp -d "${TMPDIR:-/tmp}/hearth-dmg.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$output"
hdiutil create -volname Hearth -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$output"
