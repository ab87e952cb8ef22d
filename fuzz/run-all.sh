#!/usr/bin/env bash
# Runs every fuzz target in turn, each for a time box (seconds, default 60), at the lowest
# priority, on the corpus in fuzz/corpus/<target> (seeded by fuzz/seed-corpus.sh). An input
# that crashes, takes over 1 s or over 1 GB is saved in fuzz/artifacts/<target>/ and ends that
# target's run. Needs: cargo install cargo-fuzz; RUSTC_BOOTSTRAP=1 lets stable Rust take the
# sanitizer flags cargo-fuzz passes.
set -uo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O || exit 1
bin=fuzz/target/x86_64-unknown-linux-gnu/release
for t in kml kmz tiff geojson geojson_structured csv pmtiles gazetteer date; do
  dict=()
  case "$t" in
    geojson) dict=(-dict=fuzz/dicts/geojson.dict) ;;
    csv) dict=(-dict=fuzz/dicts/csv.dict) ;;
    kml) dict=(-dict=fuzz/dicts/kml.dict) ;;
    tiff) dict=(-dict=fuzz/dicts/tiff.dict) ;;
  esac
  # Images need room for a header, directories and some data.
  len=16384
  case "$t" in
    tiff) len=65536 ;;
  esac
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  echo "== $t: ${secs}s"
  nice -n 19 "$bin/$t" "fuzz/corpus/$t" "${dict[@]}" -artifact_prefix="fuzz/artifacts/$t/" \
    -max_total_time="$secs" -timeout=1 -rss_limit_mb=1024 -max_len="$len" -print_final_stats=1 \
    2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|#[0-9]+.*DONE)" 
done
