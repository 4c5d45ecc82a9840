#!/usr/bin/env bash
# Runs a Windows program under Wine, in the test command's own Wine prefix (target/wine, made
# by scripts/windows.sh prepare): cargo's runner for the x86_64-pc-windows-gnu target, so
# `cargo test --target x86_64-pc-windows-gnu` runs each test binary as Windows would.
# Exits with the program's own exit code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export WINEPREFIX="${S2S_WINEPREFIX:-$root/target/wine/prefix}"
export WINEDEBUG="${WINEDEBUG:--all}"
# No Mono or Gecko: nothing here needs them, and Wine would offer to download them.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
[ -f "$WINEPREFIX/.s2s-ready" ] || { echo "wine-run: no Wine prefix at $WINEPREFIX; run scripts/windows.sh prepare" >&2; exit 125; }
exec /usr/lib/wine/wine64 "$@"
