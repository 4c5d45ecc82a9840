#!/usr/bin/env bash
# Builds S2S Desk for Windows on this Linux machine and its installer: the app (s2s-desk.exe)
# and the CLI (s2s.exe) in release for x86_64-pc-windows-gnu (Debian's mingw-w64), packed into an
# .msi by msitools' wixl from packaging/windows/s2s-desk.wxs — nothing is downloaded (Tauri's own
# Windows bundling fetches WiX or NSIS helpers at build time). Output:
# target/x86_64-pc-windows-gnu/release/bundle/msi/s2s-desk_<version>_x64.msi
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages "${BUILD_PACKAGES[@]}" "${WINDOWS_PACKAGES[@]}"
ensure_toolchains
ensure_ui_dependencies
cd "$REPO_ROOT"
TARGET=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
[ -f ui/dist/index.html ] || build_ui
say "building the app and the CLI for Windows (release)"
cargo build --release --locked --target "$TARGET" -p s2s-desk -p s2s-cli

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
release="target/$TARGET/release"
stage="target/package-windows"
out_dir="$release/bundle/msi"
msi="s2s-desk_${version}_x64.msi"
rm -rf "$stage" && mkdir -p "$stage" "$out_dir"
cp "$release/s2s-desk.exe" "$release/s2s.exe" "$stage/"
cp LICENSE "$stage/LICENSE.txt"
cp CHANGELOG.md icons/icon.ico "$stage/"

say "building the installer ($msi)"
# wixl reads the files relative to where it runs.
(cd "$stage" && wixl --arch x64 -D Version="$version" -D AppExe=s2s-desk.exe -D CliExe=s2s.exe \
  -D License=LICENSE.txt -D Changelog=CHANGELOG.md -D Icon=icon.ico \
  -D Homepage="$(sed -n 's/^repository = "\(.*\)"/\1/p' "$REPO_ROOT/Cargo.toml")" \
  -o "$msi" "$REPO_ROOT/packaging/windows/s2s-desk.wxs")
# The CLI's folder on the system PATH, taken off again on uninstall (what WiX's <Environment
# Part="last" System="yes"> writes; wixl has no such element): the Environment table, and the
# standard actions that apply it, at their standard places in the sequence.
msibuild "$stage/$msi" -q 'CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, `Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)'
msibuild "$stage/$msi" -q "INSERT INTO \`Environment\` (\`Environment\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('CliOnPath', '=-*PATH', '[~];[INSTALLDIR]', 'Cli')"
msibuild "$stage/$msi" -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveEnvironmentStrings', 3300)"
msibuild "$stage/$msi" -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteEnvironmentStrings', 5200)"
mv "$stage/$msi" "$out_dir/$msi"
ls -l "$out_dir/$msi"
