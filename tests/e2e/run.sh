#!/usr/bin/env bash
# Runs the real-window E2E specs: the built app under Xvfb via tauri-driver + WebKitWebDriver.
# Usage: tests/e2e/run.sh path/to/s2s-desk   (TAURI_DRIVER may name tauri-driver)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export S2S_DESK_BINARY="$(realpath "${1:?usage: run.sh path/to/s2s-desk}")"
rm -rf "$here/artifacts"
# (WEBKIT_DISABLE_COMPOSITING_MODE is deliberately not set: with it, WebKitWebDriver's
# screenshot command never answers under Xvfb.) The screen is the window's default size, so
# a capture of the display is a capture of the window.
# Its own D-Bus session with a real keyring (scripts/with-keyring.sh), so the app stores
# secrets in a Secret Service, and whatever WebKit starts on the bus ends with the run.
exec timeout 600 "$here/../../scripts/with-keyring.sh" xvfb-run -a -s "-screen 0 1180x760x24" node --test --test-concurrency=1 "$here"
