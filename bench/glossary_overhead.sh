#!/usr/bin/env bash
# Build the same N-incident site with 300 term pages, without and with lore/glossary.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
export NO_MKDOCS_2_WARNING=1
for mode in pages on; do
  out=bench/out/glossary-$mode-$n
  .venv/bin/python bench/synth.py "$out" "$n" --glossary "$mode"
  start=$(date +%s.%N)
  (cd "$out" && ../../../.venv/bin/mkdocs build -q)
  end=$(date +%s.%N)
  printf "N=%s glossary=%s build=%.1fs\n" "$n" "$mode" "$(echo "$end - $start" | bc)"
done
