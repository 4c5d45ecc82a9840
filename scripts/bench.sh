#!/usr/bin/env bash
# Benchmarks the token path against the simulator, side by side in one run: a cold `s2s`
# process versus curl, and the in-process client versus bare reqwest. Prints medians and ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_debian_packages curl
ensure_toolchains
cd "$REPO_ROOT"
say "building s2s (release)"
cargo build --release --locked -p s2s-cli
S2S_BIN="$REPO_ROOT/target/release/s2s" cargo bench --locked -p s2s-core --bench token
