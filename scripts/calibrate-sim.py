#!/usr/bin/env python3
"""Measures the timing of real node processes from a process-mode store, for the simulator's
timing model (src/Harness/README.md, "Timing realism").

Usage: scripts/calibrate-sim.py LATENCY_MS STORE_RUN_DIR [STORE_RUN_DIR ...]
Each run must come from `gossip test --bin ... --log-net-recv` with constant latency
LATENCY_MS and our
node (its journal in node-logs/). Prints, pooled over the runs:
  - start offsets: when each node handled `init`, in ms after the harness wrote the inits,
    minus the earliest node (the spread the simulator draws from);
  - tick drift: each tick's time minus (previous tick + tick-ms), in whole journal ms;
  - input-to-output delay: from the harness writing a `gossip` to a node's stdin to the
    harness routing that node's `gossip_ok`, in ms (jepsen.log resolution), minus nothing:
    it includes the node's work, both pipes and the harness's reading (for reference: the
    simulator's per-input cost comes from `bench input-cost`, which has no queueing);
  - delivery lateness: the harness's routing overhead quantiles (results.json `harness`),
    the median of each quantile over the runs.
"""
import collections, json, re, statistics, sys, pathlib

RECV = re.compile(r'^2000-01-01 (\d\d):(\d\d):(\d\d),(\d{3})\{GMT\}\tINFO\t\[[^\]]*\] maelstrom\.net: '
                  r':recv #maelstrom\.net\.message\.Message\{:id (\d+), :src "([^"]+)", :dest "([^"]+)", '
                  r':body \{:type "([a-z_]+)"(.*)\}\}$')

def ms(h, m, s, f):
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(f)

def field(rest, name):
    m = re.search(r':' + name + r' (\d+)', rest)
    return int(m.group(1)) if m else None

def analyse(run, out):
    run = pathlib.Path(run)
    recvs = []
    for line in (run / 'jepsen.log').read_text().splitlines():
        m = RECV.match(line)
        if m:
            recvs.append((ms(*m.group(1, 2, 3, 4)), m.group(6), m.group(7), m.group(8), m.group(9)))
    journals = {}
    for f in sorted((run / 'node-logs').glob('n*.log')):
        lines = f.read_text().splitlines()
        head = lines[0]
        tick = int(re.search(r'tick-ms=(\d+)', head).group(1))
        entries = []
        for l in lines[1:]:
            parts = l.split(' ', 2)
            if len(parts) >= 2 and parts[0].isdigit():
                entries.append((int(parts[0]), parts[1], parts[2] if len(parts) > 2 else ''))
        journals[f.stem] = (tick, entries)
    # tick drift
    for node, (tick, entries) in journals.items():
        ticks = [t for t, kind, _ in entries if kind == 'tick']
        for a, b in zip(ticks, ticks[1:]):
            out['drift'][b - a - tick] += 1
    # clock origins: a gossip's send in the sender's journal vs its recv in jepsen.log
    lat = out['latency']
    sends = {}
    for node, (tick, entries) in journals.items():
        for t, kind, text in entries:
            if kind == 'send' and '"type":"gossip"' in text:
                dest = re.search(r'"dest":"([^"]+)"', text).group(1)
                mid = int(re.search(r'"msg_id":(\d+)', text).group(1))
                sends[(node, dest, mid)] = t
    origin = {}
    for t, src, dest, typ, rest in recvs:
        if typ == 'gossip':
            key = (src, dest, field(rest, 'msg_id'))
            if key in sends:
                o = t - lat - sends[key]
                origin[src] = min(origin.get(src, o), o)
    init_written = min(t for t, src, dest, typ, _ in recvs if typ == 'init')
    handled = {}
    for node, (tick, entries) in journals.items():
        first = next((t for t, kind, text in entries if kind == 'recv' and '"type":"init"' in text), None)
        if first is not None and node in origin:
            handled[node] = origin[node] + first - init_written
    if handled:
        base = min(handled.values())
        out['offsets'].extend(v - base for v in handled.values())
        out['init_after_write'].extend(handled.values())
    # input-to-output: gossip written to X at A; X's gossip_ok routed to the sender at B - lat
    written = {}
    for t, src, dest, typ, rest in recvs:
        if typ == 'gossip':
            written[(dest, src, field(rest, 'msg_id'))] = t
    for t, src, dest, typ, rest in recvs:
        if typ == 'gossip_ok':
            a = written.get((src, dest, field(rest, 'in_reply_to')))
            if a is not None:
                out['io'][t - lat - a] += 1

def quantiles(values, points=(0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1)):
    s = sorted(values)
    return {p: s[min(len(s) - 1, int(len(s) * p))] for p in points}

def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    out = {'drift': collections.Counter(), 'io': collections.Counter(), 'offsets': [],
           'init_after_write': [], 'latency': int(sys.argv[1])}
    overhead = collections.defaultdict(list)
    for run in sys.argv[2:]:
        analyse(run, out)
        results = json.loads((pathlib.Path(run) / 'results.json').read_text())
        for q, v in results.get('harness', {}).get('routing-overhead-ms', {}).items():
            overhead[float(q)].append(v)
    n = sum(out['drift'].values())
    print(f'tick drift (ms beyond tick-ms, {n} ticks):',
          ', '.join(f'{k}: {v / n:.4f}' for k, v in sorted(out['drift'].items())))
    print(f'start offsets ({len(out["offsets"])} nodes), ms after the earliest node:',
          quantiles(out['offsets']))
    print('init handled, ms after the harness wrote it:', quantiles(out['init_after_write']))
    print('routing overhead (delivery lateness), ms, median over runs:',
          {q: statistics.median(v) for q, v in sorted(overhead.items())})
    n = sum(out['io'].values())
    print(f'gossip in to gossip_ok out, ms ({n} messages):',
          ', '.join(f'{k}: {v / n:.4f}' for k, v in sorted(out['io'].items())))

if __name__ == '__main__':
    main()
