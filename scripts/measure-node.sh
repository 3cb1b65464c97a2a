#!/usr/bin/env bash
# What the node costs, two builds side by side: AOT binary size, spawn to init_ok, idle RSS
# after init + 1000 broadcasts, and peak RSS of the nodes of a short process-mode run.
# Rounds alternate the builds (A B A B ...), so both see the same host load; prints every
# round and the medians over rounds.
#   scripts/measure-node.sh BEFORE_BIN AFTER_BIN [ROUNDS=10]
# e.g. git stash; dotnet publish src/Shell -c Release -o /tmp/before; git stash pop;
#      dotnet publish src/Shell -c Release -o bin
#      scripts/measure-node.sh /tmp/before/gossip bin/gossip
set -euo pipefail
a=$1 b=$2 rounds=${3:-10}
bench="dotnet bench/Gossip.Bench/bin/Release/net10.0/Gossip.Bench.dll"
[ -f bench/Gossip.Bench/bin/Release/net10.0/Gossip.Bench.dll ] \
  || dotnet build bench/Gossip.Bench -c Release -v q >/dev/null
store=$(mktemp -d)
declare -A start idle peak
for r in $(seq 1 "$rounds"); do
  for bin in "$a" "$b"; do
    s=$($bench startup --bin "$bin" --runs 20 | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
    i=$($bench rss --bin "$bin" | sed -E 's/.*VmRSS ([0-9]+) kB.*/\1/')
    p=$("$b" test -w broadcast --bin "$bin" --node-count 5 --time-limit 5 --rate 10 \
        --recovery-s 1 --seed "$r" --store "$store" \
        | sed -nE 's/.*peak RSS max ([0-9.]+) MiB.*/\1/p')
    echo "round $r $bin: start ${s} ms, idle RSS ${i} kB, peak RSS ${p} MiB"
    start[$bin]+="$s "; idle[$bin]+="$i "; peak[$bin]+="$p "
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {
  print (NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2)}'; }
for bin in "$a" "$b"; do
  echo "$bin: size $(stat -c %s "$bin") bytes; medians over $rounds rounds: start" \
    "$(echo "${start[$bin]}" | median) ms, idle RSS $(echo "${idle[$bin]}" | median) kB," \
    "peak RSS $(echo "${peak[$bin]}" | median) MiB"
done
rm -rf "$store"
