#!/usr/bin/env bash
# The Windows lane of the test command: S2S Desk's core crates and CLI built for
# x86_64-pc-windows-gnu (Debian's mingw-w64) and tested under Wine (Debian 12's Wine 8), in a
# Wine prefix of the test command's own (target/wine/prefix).
#
#   scripts/windows.sh prepare   packages, the Rust target, the Wine prefix (with the test-only
#                                ProcessPrng shim, scripts/windows/bcryptprimitives.c)
#   scripts/windows.sh clippy    clippy for the Windows target, -D warnings
#   scripts/windows.sh test      the core crates' tests and the CLI's black-box tests, under Wine
#   scripts/windows.sh faults    the fault suite's Windows half, under Wine
#   scripts/windows.sh stop      stops the prefix's wineserver
#
# Tests that cannot run on Windows are ignored there with their reason (listed by name at the
# end of `test`); nothing returns early and counts as passed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

TARGET=x86_64-pc-windows-gnu
PREFIX="${S2S_WINEPREFIX:-$REPO_ROOT/target/wine/prefix}"
CRATES=(-p zoom-catalog -p zoom-webhook -p s2s-core -p s2s-migrate -p zoom-sim -p s2s-cli)
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$REPO_ROOT/scripts/windows/wine-run.sh"
export S2S_WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

prepare() {
  ensure_debian_packages "${WINDOWS_PACKAGES[@]}"
  rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
  [ -f "$PREFIX/.s2s-ready" ] && return 0
  say "creating the Wine prefix (target/wine/prefix)"
  rm -rf "$PREFIX" && mkdir -p "$PREFIX"
  WINEPREFIX="$PREFIX" /usr/lib/wine/wine64 wineboot --init >/dev/null 2>&1 || true
  WINEPREFIX="$PREFIX" /usr/lib/wine/wineserver --wait
  [ -d "$PREFIX/drive_c/windows/system32" ] || die "Wine did not create its prefix in $PREFIX"
  x86_64-w64-mingw32-gcc -O2 -shared -o "$PREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    scripts/windows/bcryptprimitives.c scripts/windows/bcryptprimitives.def -ladvapi32
  touch "$PREFIX/.s2s-ready"
}

# Stops the prefix's wineserver (and with it every Windows process of the run) on the way out.
stop() {
  WINEPREFIX="$PREFIX" /usr/lib/wine/wineserver --kill 2>/dev/null || true
}

case "${1:-}" in
  prepare) prepare ;;
  clippy)
    clippy_checked --locked --target "$TARGET" "${CRATES[@]}" -p s2s-desk --all-targets -- -D warnings
    ;;
  test)
    trap stop EXIT
    mkdir -p target/wine
    status=0
    cargo test --locked --no-fail-fast --target "$TARGET" "${CRATES[@]}" \
      -- --skip faults_lose_nothing --skip fault_child 2>&1 | tee target/wine/test.log || status=$?
    echo
    echo "Not run on Windows (each says why):"
    grep -E '^test .* \.\.\. ignored' target/wine/test.log | sed 's/^test /  /' || echo "  none"
    exit "$status"
    ;;
  faults)
    trap stop EXIT
    cargo test --locked --target "$TARGET" -p s2s-cli --test faults \
      -- --ignored --exact faults_lose_nothing_on_windows --nocapture --test-threads=1
    ;;
  stop) stop ;;
  *) die "usage: scripts/windows.sh prepare|clippy|test|faults|stop" ;;
esac
