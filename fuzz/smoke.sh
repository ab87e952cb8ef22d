#!/usr/bin/env bash
# A bounded fuzzing run for CI: builds the fuzz targets, seeds their corpora
# (fuzz/seed-corpus.sh) and runs every target for a time box (seconds, default 20). Fails on
# the first crash, hang or memory blow-up, leaving the input in fuzz/artifacts/<target>/.
# The long runs are fuzz/run-all.sh's; this only keeps the targets building and catches a
# change that breaks a reader on the inputs fuzzing already found.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz --version 0.13.2
fi
# Only for the fuzz build (stable Rust takes the sanitizer flags with it): exported, it would
# change the fingerprint of seed-corpus.sh's ordinary build and rebuild everything.
RUSTC_BOOTSTRAP=1 cargo fuzz build -O
bash fuzz/seed-corpus.sh
bin=fuzz/target/x86_64-unknown-linux-gnu/release
total=0
for t in kml kmz tiff geojson geojson_structured csv pmtiles gazetteer date; do
  dict=()
  case "$t" in
    geojson | csv | kml | tiff) dict=(-dict="fuzz/dicts/$t.dict") ;;
  esac
  len=16384
  [ "$t" = tiff ] && len=65536
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/artifacts/$t/smoke.log"
  # A hang is an input over 10 s here, not the long runs' 1 s: CI machines may be busy, and a
  # starved process is not a hung one (docs/development.md).
  if ! "$bin/$t" "fuzz/corpus/$t" "${dict[@]}" -artifact_prefix="fuzz/artifacts/$t/" \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$len" \
    -print_final_stats=1 >"$log" 2>&1; then
    grep -E "^(==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|thread .* panicked)" "$log" || tail -n 40 "$log"
    echo "fuzz smoke: $t failed; the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  n=$(sed -n 's/^stat::number_of_executed_units: //p' "$log")
  total=$((total + ${n:-0}))
  echo "fuzz smoke: $t ${n:-0} executions in ${secs} s, nothing found"
done
echo "fuzz smoke: $total executions in all"
