#!/usr/bin/env bash
# Nothing to enumerate (SPEC §3, issue #26): wrong passwords for registered user IDs and contract
# numbers and for made-up ones, interleaved, against a real enroll-server over TLS. Prints the
# median time of each and their difference; fails when an answer differs or the medians differ
# by 10 % or more. The lockout threshold is set above the rounds, so that every try takes the
# password path (a lock would answer both at once, without a check); the lock itself is the same
# for both (TestServerLockout).
# Usage: bench/enumeration.sh BIN_DIR [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds="${2:-60}"
source "$here/lib/server.sh"
bench_setup enumeration "$1"
start_bench_server "$bin" "$work" "$port" "lockout.threshold = 1000000" "throttle.checks = 1000000"
common=(--port "$port" --chain "$work/data/ca/chain.pem" --outbox "$work/data/outbox" --work "$work"
    --admin "$bin/enroll-admin" --config "$work/server.properties")
python3 "$here/flows.py" setup "${common[@]}" --users 8 >/dev/null
python3 "$here/flows.py" enumeration "${common[@]}" --rounds "$rounds"
