#!/usr/bin/env bash
# Same N-story site built with and without one option of synth.py, 3 times each, interleaved;
# prints the minimum CPU (user+sys) and wall seconds of each.  Usage: bench/compare.sh N FLAG A B
set -euo pipefail
cd "$(dirname "$0")/.."
n=$1 flag=$2 a=$3 b=$4
export NO_MKDOCS_2_WARNING=1
for mode in "$a" "$b"; do .venv/bin/python bench/synth.py "bench/out/cmp-$mode-$n" "$n" "--$flag" "$mode"; done
for i in 1 2 3; do
  for mode in "$a" "$b"; do
    (cd "bench/out/cmp-$mode-$n" && /usr/bin/time -f "$mode %e %U %S" ../../../.venv/bin/mkdocs build -q) 2>&1 | tail -1
  done
done | awk '{cpu=$3+$4; if(!($1 in m) || cpu<m[$1]) m[$1]=cpu; if(!($1 in w) || $2<w[$1]) w[$1]=$2} END {for (k in m) printf "%s min cpu %.1fs min wall %.1fs\n", k, m[k], w[k]}'
