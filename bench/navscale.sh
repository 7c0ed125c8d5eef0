#!/usr/bin/env bash
# Build time, site size and incident-page size with Lore's default config, for each N given.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export NO_MKDOCS_2_WARNING=1
for n in "$@"; do
  out=bench/out/lore-$n
  $PY bench/synth.py "$out" "$n"
  start=$(date +%s.%N)
  (cd "$out" && ../../../.venv/bin/mkdocs build -q)
  end=$(date +%s.%N)
  page=$(ls -d "$out"/site/incidents/20*-synthetic-0 | head -1)/index.html
  printf "N=%s build=%.1fs site=%s incident_page=%s bytes\n" "$n" "$(echo "$end - $start" | bc)" "$(du -sh "$out/site" | cut -f1)" "$(stat -c %s "$page")"
done
