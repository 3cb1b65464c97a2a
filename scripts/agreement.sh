#!/usr/bin/env bash
# Simulator vs real processes on the full 3d command, per timing regime (issue 9): for each
# regime and seed, one `gossip test` over real node processes and one `gossip test --sim`, then
# a markdown table of the median over seeds of servers msgs-per-op, median and max stable
# latency, and the simulator's deviation from process mode.
# Usage: scripts/agreement.sh [SEEDS=10] [bin/gossip] [--sim-timing ideal]
# About 40 s per seed and regime (process mode runs in real time).
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-10}
bin=${2:-bin/gossip}
shift 2 || shift $# || true
sim_extra=("$@")
store=$(mktemp -d)
declare -a names=("default (star, hub tick 220 ms)" "immediate (profile=latency)" "slow tick (tick-ms=500)" "tick-batched star (eager=none tick-ms=100)")
declare -a args=("" "profile=latency" "tick-ms=500" "eager=none tick-ms=100")
if [ -n "${REGIMES:-}" ]; then  # e.g. REGIMES="3" runs only the fourth
  read -r -a pick <<<"$REGIMES"
  names=("${names[@]/#/}"); sel_n=(); sel_a=()
  for k in "${pick[@]}"; do sel_n+=("${names[$k]}"); sel_a+=("${args[$k]}"); done
  names=("${sel_n[@]}"); args=("${sel_a[@]}")
fi
cmd="--node-count 25 --time-limit 20 --rate 100 --latency 100"
echo "Run on $(date -u +%Y-%m-%d) (load average at start: $(cut -d' ' -f1-3 /proc/loadavg)), seeds 1..$seeds,"
echo "\`$bin test [--sim] -w broadcast $cmd --seed N [node args]\` ${sim_extra[*]:+(sim: ${sim_extra[*]})}:"
echo
echo "| regime | mode | servers msgs-per-op | median latency | max latency | worst seed max |"
echo "|---|---|---|---|---|---|"
for i in "${!names[@]}"; do
  for mode in processes sim; do
    : > "$store/figures"
    for seed in $(seq 1 "$seeds"); do
      if [ "$mode" = sim ]; then flags=(--sim "${sim_extra[@]}"); else flags=(--bin "$bin"); fi
      # shellcheck disable=SC2086
      "$bin" test "${flags[@]}" -w broadcast $cmd --seed "$seed" --store "$store/s" --json \
        ${args[$i]} > "$store/out.json" 2> "$store/err.txt" || true
      jq -r '[.net.servers["msgs-per-op"], .workload["stable-latencies"]["0.5"],
              .workload["stable-latencies"]["1"]] | @tsv' "$store/out.json" >> "$store/figures"
    done
    python3 - "$store/figures" "${names[$i]}" "$mode" >> "$store/table" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda k: statistics.median(r[k] for r in rows)
print(f"| {sys.argv[2]} | {sys.argv[3]} | {med(0):.3f} | {med(1):.0f} ms | {med(2):.0f} ms "
      f"| {max(r[2] for r in rows):.0f} ms |")
PY
    tail -1 "$store/table"
  done
done
python3 - "$store/table" <<'PY'
import re, sys
rows = [l for l in open(sys.argv[1])]
print()
print("| regime | msgs-per-op sim/processes | median sim/processes | max sim/processes |")
print("|---|---|---|---|")
for p, s in zip(rows[0::2], rows[1::2]):
    num = lambda r: [float(x) for x in re.findall(r"\| ([0-9.]+)(?: ms)?", r)]
    a, b = num(p), num(s)
    name = p.split("|")[1].strip()
    print(f"| {name} | {b[0] / a[0] - 1:+.1%} | {b[1] / a[1] - 1:+.1%} | {b[2] / a[2] - 1:+.1%} |")
PY
rm -rf "$store"
