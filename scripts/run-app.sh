#!/usr/bin/env bash
# Installs what is missing, builds S2S Desk (release) and opens it. With no profile yet it
# opens on the Sandbox: a simulated Zoom on this computer, so every flow works offline.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ensure_debian_packages "${BUILD_PACKAGES[@]}"
ensure_toolchains
ensure_ui_dependencies
build_ui
say "building S2S Desk (release; the first build takes a few minutes)"
cargo build --release --locked -p s2s-desk --manifest-path "$REPO_ROOT/Cargo.toml"
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] ||
  die "no display to open a window on; on a headless machine: sudo apt-get install xvfb && xvfb-run -a $0"
say "starting S2S Desk"
exec "$REPO_ROOT/target/release/s2s-desk" "$@"
