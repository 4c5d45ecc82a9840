#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, cargo-fuzz + libFuzzer) for a bounded time and prints a table:
# run time, executions, corpus size, crashes. Exits non-zero if any target crashed (the input
# is kept under target/fuzz/artifacts/; turn each into a regression test).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    default: 60 s, every target
#   S2S_FUZZ_SANITIZER=address scripts/fuzz.sh 600      long runs under AddressSanitizer
#
# The test command runs a short smoke of each (scripts/test-all.sh, step fuzz-smoke). The
# machine's stable Rust builds the targets with RUSTC_BOOTSTRAP=1 (cargo-fuzz passes nightly
# flags); nothing is downloaded but cargo-fuzz itself, from crates.io, into .tools/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

seconds="${1:-60}"
shift || true
sanitizer="${S2S_FUZZ_SANITIZER:-none}"
work="$REPO_ROOT/target/fuzz"

if [ ! -x "$TOOLS_DIR/bin/cargo-fuzz" ]; then
  say "installing cargo-fuzz 0.13 into .tools/"
  cargo install cargo-fuzz --version '^0.13' --locked --root "$TOOLS_DIR" --quiet
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls fuzz/fuzz_targets | sed 's/\.rs$//')

say "building the fuzz targets (sanitizer: $sanitizer)"
RUSTC_BOOTSTRAP=1 "$TOOLS_DIR/bin/cargo-fuzz" build --sanitizer "$sanitizer"
bin_dir="$REPO_ROOT/fuzz/target/x86_64-unknown-linux-gnu/release"

# The first corpus of the config targets is the migration corpus itself, each file behind the
# byte that picks its format (see s2s_migrate::fuzz).
format_byte() {
  case "$1" in
    *.env | *.env.*) echo 0 ;; *.sh) echo 1 ;; *.json) echo 2 ;; *.yml | *.yaml) echo 3 ;;
    *.toml) echo 4 ;; *.ini | *.cfg) echo 5 ;; *.properties) echo 6 ;; *.py) echo 7 ;;
    *.js) echo 8 ;; *) echo 9 ;;
  esac
}
seed() {
  local target="$1" corpus="$2" f
  [ -d "fuzz/seeds/$target" ] && cp -n fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
  case "$target" in
    extract | rewrite | calls)
      while IFS= read -r -d '' f; do
        { printf "\\$(printf '%03o' "$(format_byte "$f")")"; cat "$f"; } >"$corpus/fixture-$(basename "$f")-$(sha256sum "$f" | cut -c1-8)"
      done < <(find crates/s2s-migrate/tests/fixtures -type f ! -name expected.json -print0)
      ;;
  esac
}

rows=() crashed=0
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target" artifacts="$work/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  seed "$target" "$corpus"
  log="$work/$target.log"
  status=0
  "$bin_dir/$target" "$corpus" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" -max_len=65536 -rss_limit_mb=2048 >"$log" 2>&1 || status=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
  found=$(find "$artifacts" -type f | wc -l)
  size=$(find "$corpus" -type f | wc -l)
  if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
    crashed=1
    echo "✘ $target crashed: see $log and $artifacts" >&2
    grep -E 'panicked at|ERROR: libFuzzer' "$log" | head -5 >&2 || true
  fi
  rows+=("| $target | $seconds s | $runs | $size | $found |")
done

echo
echo "| target | run time | executions | corpus (files) | crashes |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
[ $crashed -eq 0 ]
