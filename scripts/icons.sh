#!/usr/bin/env bash
# Regenerates every icon from the one source image (icons/source/s2s-desk.png) with `tauri icon`:
# the PNG sizes the Linux packages install (32–512 px), icon.png, and the .icns/.ico that the
# macOS and Windows bundles need. Run after changing the source; commit the results.
set -euo pipefail
cd "$(dirname "$0")/.."
source=icons/source/s2s-desk.png
npx --prefix ui tauri icon "$source" -o icons >/dev/null
npx --prefix ui tauri icon "$source" -o icons --png 32,64,128,256,512 >/dev/null
# Only desktop icons: no mobile or Windows Store tiles.
rm -rf icons/android icons/ios icons/Square*Logo.png icons/StoreLogo.png icons/128x128@2x.png
ls icons
