#!/usr/bin/env python3
"""Runs `gossip test` over many seeds per configuration and prints one markdown row per
configuration: how many runs were valid, values lost, and for servers msgs-per-op, median and
max stable latency and the gaps to the physical floor (gossip/floor), the median over seeds
and the worst seed, and how many seeds' gaps exceed the targets (--gap-targets, issue 10's
+500 ms median and +1,000 ms max by default).

Usage: scripts/sweep.py [--bin bin/gossip] [--mode sim|process] [--node NODE] [--seeds N] [--first S]
                        [--jobs J] [--gap-targets 500,1000] 'name|flags and node args' ...
Example: scripts/sweep.py --mode sim --seeds 500 \\
    'default, 25 nodes, partitions|--node-count 25 --time-limit 20 --rate 100 \\
     --latency 100 --nemesis partition'
Every run is `gossip test -w broadcast [--sim] FLAGS --seed S --json`; a run that exits other
than 0 or 1 is reported with its command and counts as invalid.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile


def run_one(binary, mode, flags, seed, store, node=None):
    args = [binary, "test", "-w", "broadcast"]
    if mode == "sim":
        args.append("--sim")
    else:
        args += ["--bin", node or binary]
    args += shlex.split(flags) + ["--seed", str(seed), "--json", "--store", store]
    p = subprocess.run(args, capture_output=True, text=True)
    shutil.rmtree(store, ignore_errors=True)
    if p.returncode not in (0, 1):
        return {"seed": seed, "error": f"exit {p.returncode}: {shlex.join(args)}\n{p.stderr[-500:]}"}
    d = json.loads(p.stdout)
    lat = d["workload"].get("stable-latencies") or {}
    floor = d.get("gossip/floor") or {}
    gaps = floor.get("latency-gaps") or {}
    return {
        "seed": seed,
        "valid": d["valid"] is True,
        "lost": d["workload"].get("lost-count", 0),
        "msgs": d["net"]["servers"].get("msgs-per-op", 0.0),
        "median": lat.get("0.5", 0),
        "max": lat.get("1", 0),
        "gap_median": gaps.get("0.5"),
        "gap_max": gaps.get("1"),
    }


def summarise(name, runs, targets):
    bad = [r for r in runs if "error" in r]
    ok = [r for r in runs if "error" not in r]
    valid = sum(1 for r in ok if r["valid"])
    lost = sum(r["lost"] for r in ok)

    def col(key, fmt="{:.0f}"):
        xs = [r[key] for r in ok if r.get(key) is not None]
        if not xs:
            return "–"
        worst = max(xs)
        seed = next(r["seed"] for r in ok if r.get(key) == worst)
        return f"{fmt.format(statistics.median(xs))} ({fmt.format(worst)}, seed {seed})"

    def over(key, target):
        return sum(1 for r in ok if r.get(key) is not None and r[key] > target)

    row = (f"| {name} | {len(runs)} | {valid}/{len(runs)} | {lost} | {col('msgs', '{:.2f}')} | "
           f"{col('median')} | {col('max')} | {col('gap_median', '{:+.0f}')} | "
           f"{col('gap_max', '{:+.0f}')} | {over('gap_median', targets[0])} / "
           f"{over('gap_max', targets[1])} |")
    return row, bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="bin/gossip")
    ap.add_argument("--mode", choices=["sim", "process"], default="sim")
    ap.add_argument("--node", help="process mode: the node binary (default: --bin)")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--first", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--gap-targets", default="500,1000",
                    help="median,max gap to the floor (ms) a seed may reach; seeds over each "
                         "are counted")
    ap.add_argument("--list-over", action="store_true",
                    help="also list each seed over a gap target, with its gaps")
    ap.add_argument("configs", nargs="+", help="'name|flags'")
    a = ap.parse_args()
    store = tempfile.mkdtemp(prefix="gossip-sweep-")
    print(f"{a.mode} mode, seeds {a.first}..{a.first + a.seeds - 1}, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
          f"load average {os.getloadavg()[0]:.1f}; each cell: median over seeds "
          f"(worst seed). `{a.bin} test -w broadcast {'--sim ' if a.mode == 'sim' else ''}"
          f"FLAGS --seed S`\n")
    targets = [float(x) for x in a.gap_targets.split(",")]
    print("| configuration | runs | valid | lost | servers msgs-per-op | median ms | max ms "
          f"| median gap to floor | max gap to floor | seeds over +{targets[0]:.0f} / "
          f"+{targets[1]:.0f} ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    errors = []
    for config in a.configs:
        name, flags = config.split("|", 1)
        seeds = range(a.first, a.first + a.seeds)
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
            runs = list(pool.map(
                lambda s: run_one(a.bin, a.mode, flags, s, os.path.join(store, str(s)), a.node),
                seeds))
        row, bad = summarise(f"{name} (`{flags}`)", runs, targets)
        print(row, flush=True)
        if a.list_over:
            for r in runs:
                if (r.get("gap_median") or 0) > targets[0] or (r.get("gap_max") or 0) > targets[1]:
                    print(f"  seed {r['seed']}: median gap {r['gap_median']:+}, "
                          f"max gap {r['gap_max']:+}, msgs-per-op {r['msgs']:.2f}", flush=True)
        errors += bad
    shutil.rmtree(store, ignore_errors=True)
    for e in errors:
        print(f"\nrun failed, seed {e['seed']}: {e['error']}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
