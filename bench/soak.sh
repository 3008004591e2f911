#!/usr/bin/env bash
# The soak (docs/reliability.md): an enroll-server on its production defaults (development keys),
# users set up by flows.py, then soak.py's mixed traffic for MINUTES with a sample of the server's
# RSS, descriptors and threads every INTERVAL seconds; fails on growth or on any 5xx.
# Usage: bench/soak.sh BIN_DIR [MINUTES (3)] [INTERVAL seconds (30; 60 for long runs)]
set -euo pipefail
bin=$(cd "$1" && pwd)
minutes="${2:-3}"
interval="${3:-30}"
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/server.sh"
bench_scratch soak
data="$work/data"
start_bench_server "$bin" "$work" "$port"
python3 "$here/flows.py" setup --port "$port" --chain "$data/ca/chain.pem" --outbox "$data/outbox" --work "$work/flows" \
    --admin "$bin/enroll-admin" --config "$work/server.properties" --users 40 >/dev/null
python3 "$here/soak.py" --port "$port" --chain "$data/ca/chain.pem" --outbox "$data/outbox" --work "$work/flows" \
    --pid "$server_pid" --minutes "$minutes" --interval "$interval"
