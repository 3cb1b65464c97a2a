#!/usr/bin/env bash
# A short scripted Maelstrom session through the published node (bin/gossip): init, topology,
# broadcasts, gossip from a peer, an ack, bad input, reads. Prints what the node wrote to
# stdout (replies and gossip) and then its journal (stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/gossip}
journal=$(mktemp)
{
  echo '{"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0","n1","n2"],"msg_id":1}}'
  echo '{"id":1,"src":"c3","dest":"n0","body":{"type":"topology","topology":{"n0":["n1"],"n1":["n0","n2"],"n2":["n1"]},"msg_id":1}}'
  echo '{"id":2,"src":"c6","dest":"n0","body":{"type":"broadcast","message":0,"msg_id":1}}'
  echo '{"id":3,"src":"n1","dest":"n0","body":{"type":"gossip","values":[1,2],"msg_id":1}}'
  echo 'this line is not JSON'
  echo '{"id":4,"src":"c6","dest":"n0","body":{"type":"broadcast","message":"3","msg_id":2}}'
  echo '{"id":5,"src":"c6","dest":"n0","body":{"type":"echo","msg_id":3}}'
  sleep 0.15
  echo '{"id":6,"src":"n1","dest":"n0","body":{"type":"gossip_ok","in_reply_to":1}}'
  echo '{"id":7,"src":"c6","dest":"n0","body":{"type":"read","msg_id":4}}'
  sleep 0.2
} | "$bin" tick-ms=100 2>"$journal"
echo "--- journal (stderr) ---"
cat "$journal"
rm -f "$journal"
