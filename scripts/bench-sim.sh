#!/usr/bin/env bash
# Wall time and peak RSS of the simulated 3d scenario (25 nodes, rate 100, latency 100,
# 20 s + 10 s recovery, seed 7), measured with /usr/bin/time -v over the published binary.
# Runs it N times (default 7) and prints min and median wall time, the median of each phase
# from --timings, and the largest peak RSS. Usage: scripts/bench-sim.sh [runs] [bin]
# (publish first: dotnet publish src/Shell -c Release -o bin).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bin=${2:-bin/gossip}
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
walls=() rss=() sim=() chk=() sto=() alloc=()
for ((i = 0; i < runs; i++)); do
  out=$(/usr/bin/time -v "$bin" test --sim --node-count 25 --time-limit 20 --rate 100 \
    --latency 100 --seed 7 --timings --store "$store" 2>&1 >/dev/null)
  rm -rf "${store:?}"/*
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<<"$out")
  walls+=("$(awk -F: '{ print ($1 * 60 + $2) * 1000 }' <<<"$wall")")
  rss+=("$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$out")")
  read -r s c t a < <(sed -n 's/^timings: simulate \([0-9]*\) ms, check \([0-9]*\) ms alongside store, both done in \([0-9]*\) ms; allocated \([0-9]*\) MB.*/\1 \2 \3 \4/p' <<<"$out")
  sim+=("$s") chk+=("$c") sto+=("$t") alloc+=("$a")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
minimum() { printf '%s\n' "$@" | sort -n | head -1; }
maximum() { printf '%s\n' "$@" | sort -n | tail -1; }
echo "3d sim, $runs runs of $bin:"
echo "  wall      min $(minimum "${walls[@]}") ms, median $(median "${walls[@]}") ms"
echo "  phases    median simulate $(median "${sim[@]}") ms, then check (on its own thread)" \
  "$(median "${chk[@]}") ms alongside store, both done in $(median "${sto[@]}") ms"
echo "  allocated $(median "${alloc[@]}") MB"
echo "  peak RSS  max $(( $(maximum "${rss[@]}") / 1024 )) MB"
