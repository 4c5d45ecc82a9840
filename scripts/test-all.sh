#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then lint, Rust tests, UI unit
# and flow tests, the app build and the real-window E2E. Every step runs even if an earlier one
# failed (unless it needs that one's output); the exit code is non-zero if any failed, and the
# last lines are each runner's own summary. Logs: target/test-logs/.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
set -e
ensure_debian_packages "${BUILD_PACKAGES[@]}" "${PACKAGING_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${WINDOWS_PACKAGES[@]}"
ensure_toolchains
ensure_ui_dependencies
ensure_tauri_driver
ensure_client_tools
set +e

cd "$REPO_ROOT"
LOG_DIR="$REPO_ROOT/target/test-logs"
rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"
export NO_COLOR=1 FORCE_COLOR=0 CARGO_TERM_COLOR=never
START=$SECONDS
STEPS=() RESULTS=() TIMES=() LOGS=()

# step NAME COMMAND...: runs it with output to the terminal and to target/test-logs/NAME.log.
step() {
  local name="$1" log="$LOG_DIR/$1.log" began=$SECONDS
  shift
  say "$name"
  if "$@" 2>&1 | tee "$log"; then RESULTS+=(ok); else RESULTS+=(FAIL); fi
  STEPS+=("$name") TIMES+=($((SECONDS - began))) LOGS+=("$log")
}

core_has_no_tauri() {
  local crate bad=0
  for crate in zoom-catalog s2s-core s2s-migrate zoom-sim s2s-cli; do
    if cargo tree --locked -p "$crate" -e normal,build --prefix none --format '{p}' | grep -E '^(tauri|wry|tao|webkit2gtk)[ -]'; then
      echo "$crate depends on Tauri: core logic must stay testable without a window"
      bad=1
    fi
  done
  [ $bad -eq 0 ] && echo "zoom-catalog, s2s-core, s2s-migrate, zoom-sim and s2s-cli build without Tauri"
}

# macOS and Windows stay buildable: the core crates resolve there without any Linux-only crate,
# and the keychain finds the native store (no cross toolchain here, so resolution, not a build).
core_is_portable() {
  local target bad=0 deps
  for target in x86_64-pc-windows-msvc aarch64-apple-darwin; do
    deps=$(cargo tree --locked --target "$target" -p zoom-catalog -p s2s-core -p s2s-migrate -p zoom-sim -p s2s-cli \
      -e normal --prefix none --format '{p}' | sed 's/ (.*//' | sort -u)
    if grep -iE '^(dbus|libdbus|zbus|secret-service|linux-keyutils|webkit2gtk|gtk|x11|wayland)' <<<"$deps"; then
      echo "$target: the core crates pull in Linux-only crates (above)"
      bad=1
    fi
    grep -qE '^(windows|apple)-native-keyring-store ' <<<"$deps" || { echo "$target: no native keychain store"; bad=1; }
  done
  [ $bad -eq 0 ] && echo "the core crates resolve for Windows and macOS without Linux-only crates, with the native keychain"
}

step ui-build build_ui
step fmt cargo fmt --all --check
step clippy clippy_checked --locked --workspace --all-targets -- -D warnings
step core-has-no-tauri core_has_no_tauri
step core-is-portable core_is_portable
# Inside a private D-Bus session with gnome-keyring, so the keychain tests use a real Secret Service:
# the tests a plain `cargo test` ignores for want of one run here (--include-ignored); the fault
# suite has its own step below, and Windows-only tests (named on_windows_…) run in the Windows lane.
step rust-core scripts/with-keyring.sh cargo test --locked --no-fail-fast -p zoom-catalog -p s2s-core -p s2s-migrate -p zoom-sim -p s2s-cli \
  -- --include-ignored --skip faults_lose_nothing --skip fault_child --skip on_windows_ --skip exec_child
# with-keyring.sh itself: its throwaway keyring and daemon are gone however the command ends.
step scripts node --test tests/scripts/
# The reference webhook receivers the app offers to copy, run unchanged and tested by `s2s webhook test`.
step receivers node --test tests/receivers/
# The simulator as Zoom's clients see it: schemathesis with Zoom's OpenAPI documents, and zoomus
# (Python), Rivet (Node.js) and zoom-api (Rust), unchanged, against `s2s sim` (tests/clients/run.py).
step clients scripts/clients.sh
# The fault suite: processes SIGKILLed mid-write, a full and a read-only disk, the Secret Service
# killed mid-session (so it gets its own keyring session), concurrent app + CLI writes.
step faults scripts/with-keyring.sh cargo test --locked -p s2s-cli --test faults -- --ignored --exact faults_lose_nothing --nocapture --test-threads=1
# Every fuzz target (parsers of untrusted input), briefly: the bounded runs and their figures are
# scripts/fuzz.sh's (docs/reliability.md).
step fuzz-smoke scripts/fuzz.sh 3
# The shell's tests include export_bindings, which fails if ui/src/ipc/bindings.ts is stale, and
# app_and_cli, which asks the app and the s2s binary the same questions over one profiles folder
# and one Secret Service (so inside with-keyring.sh, with the binary the rust-core step built).
shell_tests() {
  cargo build --locked --quiet -p s2s-cli --bin s2s &&
    S2S_CLI="$REPO_ROOT/target/debug/s2s" scripts/with-keyring.sh cargo test --locked -p s2s-desk -- --include-ignored
}
step rust-shell shell_tests
step ui-typecheck npm run --prefix ui --silent typecheck
# ESLint (typescript-eslint, rules of hooks) and Prettier --check.
step ui-lint npm run --prefix ui --silent lint
step ui-unit npm run --prefix ui --silent test
step ui-flow npm run --prefix ui --silent flow
step app-build cargo build --locked -p s2s-desk
step e2e tests/e2e/run.sh target/debug/s2s-desk
# The packages, built once (the release build the benchmarks also use), then installed on this
# machine, run from /usr/bin in a real window, and purged.
step package scripts/package.sh
step install scripts/install-test.sh
# Windows, tried for real: the core crates and the CLI built for x86_64-pc-windows-gnu (mingw-w64)
# and tested under Wine, clippy for that target, the fault suite's Windows half, then the app and
# the CLI in release, their .msi built (wixl), checked, installed, run and uninstalled under Wine.
step windows-prepare scripts/windows.sh prepare
step windows-clippy scripts/windows.sh clippy
step windows-tests scripts/windows.sh test
step windows-faults scripts/windows.sh faults
step windows-package scripts/package-windows.sh
step windows-install scripts/install-test-windows.sh

# "PASSED FAILED IGNORED" from a log's runner summaries: cargo's "test result:" lines, Vitest's
# "Tests N passed | M failed", node:test's "# pass N" / "# fail N" and pytest's "=== N passed ===".
tally() {
  local counted
  counted=$(grep -E '^test result:|^ *Tests +[0-9]|^=+ [0-9]+ (passed|failed)' "$1")
  local p f
  p=$(grep -oE '[0-9]+ passed' <<<"$counted" | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '[0-9]+ failed' <<<"$counted" | awk '{s+=$1} END {print s+0}')
  p=$((p + $(grep -E '^# pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')))
  f=$((f + $(grep -E '^# fail [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')))
  # Skipped: cargo's "N ignored", Vitest's "N skipped", node:test's "# skipped N".
  local i
  i=$(grep -oE '[0-9]+ ignored' <<<"$counted" | awk '{s+=$1} END {print s+0}')
  i=$((i + $(grep -oE '^ *Tests .*' "$1" | grep -oE '[0-9]+ skipped' | awk '{s+=$1} END {print s+0}')))
  i=$((i + $(grep -E '^# skipped [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')))
  echo "$p $f $i"
}

# The summary: each step, then the runners' own tallies.
echo
echo "==================== S2S Desk test summary ===================="
failed=0 passed_tests=0 failed_tests=0 skipped_tests=0
for i in "${!STEPS[@]}"; do
  printf '%-5s %-18s %4ss\n' "${RESULTS[$i]}" "${STEPS[$i]}" "${TIMES[$i]}"
  [ "${RESULTS[$i]}" = ok ] || failed=$((failed + 1))
  log="${LOGS[$i]}"
  # cargo: "test result: ok. N passed; M failed; ..." per test binary (empty binaries left out)
  grep -E '^test result: .* [1-9][0-9]* passed|^test result: FAILED' "$log" | sed 's/^/        /'
  # vitest: "Tests  14 passed (14)"; node --test: "# pass N" / "# fail N"
  grep -E '^ *(Test Files|Tests) +[0-9]' "$log" | sed 's/^ */        /'
  grep -E '^# (pass|fail) [0-9]+' "$log" | sed 's/^/        /'
  # pytest: "===== 9 passed in 0.31s ====="
  grep -E '^=+ [0-9]+ (passed|failed)' "$log" | sed 's/^=* */        /; s/ *=*$//'
  # Every test not run in this step, by name, with its reason.
  grep -E '^test .* \.\.\. ignored, ' "$log" | sed 's/^test /        not run: /'
  read -r p f i < <(tally "$log")
  passed_tests=$((passed_tests + p)) failed_tests=$((failed_tests + f)) skipped_tests=$((skipped_tests + i))
done
echo "tests: $passed_tests passed, $failed_tests failed, $skipped_tests skipped; steps: $((${#STEPS[@]} - failed)) ok, $failed failed; $((SECONDS - START))s"
[ $failed -eq 0 ]
