#!/usr/bin/env bash
# Benchmarks, each printing medians and ratios measured side by side in one run:
# 1. token path: a cold `s2s test-token` vs curl, TokenTester vs bare reqwest (simulator);
# 2. scope catalog: load time, and diff + coverage of 1,000 calls (targets 20 ms and 5 ms);
# 3. migration scan: a 10,000-file, ~100 MB tree, warm, vs `rg -c ZOOM_API` (target ≤ 2 s, ≤ 100 MB);
# 4. keychain: a Secret Service read vs memory, and the 500-profile file (gnome-keyring);
#    Test all: 500 profiles in 10 accounts vs the time their rate limits allow (target ≤ 1.5×);
# 5. the real window (release build): 500 profiles rendered, and click → token result vs the
#    simulator's own round trips;
# 6. start-up and footprint beside a minimal Tauri 2 app (benches/minimal-tauri, same Tauri and
#    release profile): first view, repaints, memory, binary size, idle CPU, `s2s --help`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
ensure_toolchains
ensure_ui_dependencies
ensure_tauri_driver
cd "$REPO_ROOT"
build_ui
say "building s2s, S2S Desk and the minimal Tauri app (release)"
cargo build --release --locked -p s2s-cli -p s2s-desk
# Its own build: built together, Cargo would give S2S Desk the minimal app's Tauri features
# (the stock defaults, dynamic-acl included), and the other way round.
cargo build --release --locked -p minimal-tauri
say "token path"
S2S_BIN="$REPO_ROOT/target/release/s2s" cargo bench --locked -p s2s-core --bench token
say "scope catalog"
cargo bench --locked -p zoom-catalog --bench catalog
say "migration scan"
cargo bench --locked -p s2s-migrate --bench scan
say "keychain and profiles file"
scripts/with-keyring.sh cargo bench --locked -p s2s-core --bench keychain
say "Test all at scale"
cargo bench --locked -p s2s-core --bench test_all
say "real window"
S2S_DESK_BINARY="$REPO_ROOT/target/release/s2s-desk" scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1180x760x24" node tests/e2e/bench.mjs 2>/dev/null
say "start-up and footprint"
S2S_DESK_BINARY="$REPO_ROOT/target/release/s2s-desk" MINIMAL_BINARY="$REPO_ROOT/target/release/minimal-tauri" \
  S2S_BIN="$REPO_ROOT/target/release/s2s" scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1180x760x24" node tests/e2e/startup-bench.mjs 2>/dev/null
