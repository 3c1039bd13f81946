#!/usr/bin/env bash
# Runs each libFuzzer target for the given number of seconds from its seed corpus (the
# hostile-input corpus of Tests/Corpus and fuzz/seeds), in a scratch copy so that new inputs
# stay out of the tree. A crash writes its input to fuzz/crashes/ and fails the run: fix the
# bug, then keep the input in Tests/Corpus as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p fuzz/crashes
declare -A seeds=(
  [CSVFuzzer]="Tests/Corpus/csv fuzz/seeds/csv"
  [LanguageFuzzer]="Tests/Corpus/scripts fuzz/seeds/scripts"
  [WireFuzzer]="Tests/Corpus/connection fuzz/seeds/wire"
)
for target in CSVFuzzer LanguageFuzzer WireFuzzer; do
  mkdir -p "$scratch/$target"
  for folder in ${seeds[$target]}; do
    [ -d "$folder" ] && find "$folder" -maxdepth 1 -type f -exec cp {} "$scratch/$target/" \;
  done
  echo "fuzz: $target for ${seconds}s from $(ls "$scratch/$target" | wc -l) seeds"
  .build/fuzz/debug/$target "$scratch/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=1024 \
    -artifact_prefix="fuzz/crashes/$target-" -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" || true
  if ls fuzz/crashes/"$target"-* >/dev/null 2>&1; then
    echo "fuzz: $target found a crash: fuzz/crashes/" >&2
    exit 1
  fi
done
