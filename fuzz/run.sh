#!/usr/bin/env bash
# fuzz/run.sh SECONDS [TARGET...]: runs each fuzz target (all by default) for
# SECONDS with cargo-fuzz, one after the other, then prints one line per
# target: executions, coverage (libFuzzer's cov and ft), crashes, timeouts,
# out-of-memory. New inputs go to fuzz/grown/<target>/ (not committed); the
# committed seeds in fuzz/corpus/<target>/ are only read. Logs are in
# target/fuzz/<target>.log (or $FUZZ_LOGS/); a crashing input is in
# fuzz/artifacts/<target>/.
# Exits non-zero if any target failed.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(accept accept_language if_none_match respond)
logs=${FUZZ_LOGS:-target/fuzz}
mkdir -p "$logs"
failed=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/grown/$target"
  log="$logs/$target.log"
  echo "fuzzing $target for ${seconds}s (log: $log)"
  # -timeout: an input taking 10 s is a hang; -max_len: room past the caps
  # (4 KB per list header, 16 KB of If-None-Match); -rss_limit_mb: an OOM.
  cargo +nightly fuzz run --fuzz-dir fuzz -O "$target" "fuzz/grown/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=32768 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1
  echo "$target exit=$?" >>"$log"
done
printf '\n%-16s %12s %8s %8s %8s %8s %s\n' target executions cov ft corpus exec/s result
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  runs=$(sed -n 's/^stat::number_of_executed_units: //p' "$log" | tail -1)
  field() { sed -n "s|.* $1: \([^ ]*\).*|\1|p" <<<"$done_line"; }
  result=ok
  if grep -qE 'ERROR: libFuzzer: (deadly signal|timeout|out-of-memory)|panicked at|SUMMARY: ' "$log" \
    || ! grep -q "$target exit=0" "$log"; then
    result="FAILED: $(grep -m1 -oE 'ERROR: libFuzzer: [a-z-]+( signal)?|panicked at [^ ]+|error: .*' "$log")"
    failed=1
  fi
  printf '%-16s %12s %8s %8s %8s %8s %s\n' "$target" "${runs:-?}" "$(field cov)" "$(field ft)" \
    "$(field corp)" "$(field exec/s)" "$result"
done
exit $failed
