#!/usr/bin/env bash
# Builds the Linux packages (.deb and .rpm) with the Tauri bundler into target/release/bundle/:
# the app (/usr/bin/s2s-desk), the `s2s` CLI (/usr/bin/s2s) with its bash/zsh/fish completions
# and man page, the desktop entry and icons, the licence and the changelog. No AppImage: its
# bundler downloads linuxdeploy and AppRun at build time, which this project never does.
# The release build is reused if it is current (the benchmarks build the same one).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages "${BUILD_PACKAGES[@]}" "${PACKAGING_PACKAGES[@]}"
ensure_toolchains
ensure_ui_dependencies
cd "$REPO_ROOT"
build_ui
say "building the app and the CLI (release)"
cargo build --release --locked -p s2s-desk -p s2s-cli
say "generating the CLI's completions and man page"
out=target/package
rm -rf "$out" && mkdir -p "$out/completions"
target/release/s2s completions bash >"$out/completions/s2s.bash"
target/release/s2s completions zsh >"$out/completions/_s2s"
target/release/s2s completions fish >"$out/completions/s2s.fish"
target/release/s2s man | gzip -9n >"$out/s2s.1.gz"
gzip -9nc CHANGELOG.md >"$out/changelog.gz"
say "bundling .deb and .rpm"
# `tauri bundle` packages the binary just built (no second compile); the extra config adds the
# CLI's files, which exist only after the steps above.
rm -rf target/release/bundle
# (The WebKitGTK and GTK dependencies are the bundler's own; tauri.conf.json adds the
# recommended Secret Service providers.)
npx --prefix ui tauri bundle --bundles deb,rpm --config src-tauri/tauri.packages.conf.json
# The bundler names files after the product ("S2S Desk_…"); packages go by their package name.
version=$(dpkg-deb -f target/release/bundle/deb/*.deb Version)
mv target/release/bundle/deb/*.deb "target/release/bundle/deb/s2s-desk_${version}_amd64.deb"
mv target/release/bundle/rpm/*.rpm "target/release/bundle/rpm/s2s-desk-${version}-1.x86_64.rpm"

# Desktop conventions the bundler does not follow: the desktop entry and the icons are named by
# the app's reverse-DNS id (it names them "S2S Desk.desktop" and "s2s-desk.png"), and AppStream
# metadata tells software centres about the app. Each package is unpacked, relabelled, packed.
APP_ID=app.s2sdesk.desktop
say "naming the desktop entry and icons $APP_ID, adding AppStream metadata"
metainfo="$out/$APP_ID.metainfo.xml"
write_metainfo "$metainfo"
relabel() { # relabel TREE: the packaged files as the desktop conventions want them
  local tree="$1" icon
  rm -f "$tree/usr/share/applications/S2S Desk.desktop"
  install -Dm644 "packaging/linux/$APP_ID.desktop" "$tree/usr/share/applications/$APP_ID.desktop"
  for icon in "$tree"/usr/share/icons/hicolor/*/apps/s2s-desk.png; do
    mv "$icon" "${icon%/*}/$APP_ID.png"
  done
  install -Dm644 "$metainfo" "$tree/usr/share/metainfo/$APP_ID.metainfo.xml"
}
deb="target/release/bundle/deb/s2s-desk_${version}_amd64.deb"
tree=$(mktemp -d)
chmod 755 "$tree" # the package's root: dpkg-deb records it as ./ (mktemp makes it owner-only)
dpkg-deb -R "$deb" "$tree"
relabel "$tree"
(cd "$tree" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
dpkg-deb --root-owner-group -Zxz -b "$tree" "$deb" >/dev/null
rm -rf "$tree"
rpm_file="target/release/bundle/rpm/s2s-desk-${version}-1.x86_64.rpm"
repack_rpm "$rpm_file" relabel
ls -l "$deb" "$rpm_file"
