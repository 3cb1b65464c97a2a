#!/usr/bin/env bash
# Runs the Gossip Glomers broadcast challenges 3a-3e against bin/gossip on our own harness
# (real node processes, Maelstrom's flags) and prints a markdown table of the results.
# Usage: scripts/challenges.sh [bin/gossip] [extra node args...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/gossip}
shift || true
store=$(mktemp -d)
declare -a names=(
  "3a single-node"
  "3b multi-node"
  "3c fault-tolerant"
  "3d/3e efficient"
  "3d/3e + partitions"
)
declare -a flags=(
  "--node-count 1 --time-limit 20 --rate 10"
  "--node-count 5 --time-limit 20 --rate 10"
  "--node-count 5 --time-limit 20 --rate 10 --nemesis partition"
  "--node-count 25 --time-limit 20 --rate 100 --latency 100"
  "--node-count 25 --time-limit 20 --rate 100 --latency 100 --nemesis partition"
)
echo "Run on $(date -u +%Y-%m-%d) with \`$bin test -w broadcast --bin $bin <flags>\`:"
echo
echo "| challenge | flags | valid? | lost | servers msgs-per-op | median latency | max latency | harness overhead p99 | exit |"
echo "|---|---|---|---|---|---|---|---|---|"
for i in "${!names[@]}"; do
  set +e
  # shellcheck disable=SC2086
  "$bin" test -w broadcast --bin "$bin" ${flags[$i]} --store "$store" "$@" \
    > "$store/summary-$i.txt" 2> "$store/stderr-$i.txt"
  code=$?
  set -e
  field() { sed -nE "$1" "$store/summary-$i.txt" | head -1; }
  valid=$(field 's/^valid\?\s+(\S+).*/\1/p')
  lost=$(field 's/^broadcasts .* lost ([0-9]+),.*/\1/p')
  mpo=$(field 's/^msgs-per-op\s+servers ([0-9.]+),.*/\1/p')
  median=$(field 's/^stable latency .*median ([0-9]+) ms.*/\1/p')
  max=$(field 's/^stable latency .*max ([0-9]+) ms.*/\1/p')
  p99=$(field 's/^harness .* p99 ([0-9.]+) ms.*/\1/p')
  row="| ${valid:-crashed} | ${lost:--} | ${mpo:--} | ${median:--} ms | ${max:--} ms | ${p99:--} ms "
  echo "| ${names[$i]} | \`${flags[$i]}\` $row| $code |"
done
rm -rf "$store"
