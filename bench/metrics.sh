#!/usr/bin/env bash
# What the metrics cost (issue #29): keep-alive GET /api/v1/me behind nginx against two servers on
# the same data (one database, one CA), one with the metrics listener off and one with it on and
# scraped every second as Prometheus would (more often than its 15 s default), measured in turns
# so that the machine's drift falls on both alike. Prints each round, the medians and their
# ratio; fails when the server with metrics is more than 3 % slower.
# Usage: bench/metrics.sh BIN_DIR [ROUNDS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
rounds="${2:-8}"
seconds="${3:-2}"
connections=64
source "$here/lib/server.sh"
bench_setup metrics "$1"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
off_pid="" on_pid="" scraper_pid=""
cleanup() {
    [ -n "$scraper_pid" ] && kill "$scraper_pid" 2>/dev/null
    for front in off on; do
        "$root/tests/fixtures/nginx-front.sh" stop "$work/nginx-$front" >/dev/null 2>&1 || true
    done
    for pid in $on_pid $off_pid; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT

# the server without metrics, and the user whose certificate signs the requests
start_bench_server "$bin" "$work" "$port" "server.forwardedListen = unix:$work/off.sock"
off_pid=$server_pid
server_pid=""
data="$work/data"
python3 "$here/flows.py" setup --port "$port" --chain "$data/ca/chain.pem" --outbox "$data/outbox" --work "$work/flows" \
    --admin "$bin/enroll-admin" --config "$work/server.properties" --users 1 >/dev/null
# the server with metrics: the same data directory (SQLite serves both processes), its own sockets
metrics_port=$(free_port)
on_port=$(free_port)
mkdir -p "$work/on"
sed -e "s|^server.port = .*|server.port = $on_port|" -e "s|unix:$work/off.sock|unix:$work/on.sock|" \
    "$work/server.properties" >"$work/on/server.properties"
echo "metrics.listen = 127.0.0.1:$metrics_port" >>"$work/on/server.properties"
"$bin/enroll-server" --config "$work/on/server.properties" >"$work/on/server.log" 2>&1 &
on_pid=$!
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$metrics_port/metrics" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -sf "http://127.0.0.1:$metrics_port/metrics" >/dev/null || { echo "the server with metrics did not start:" >&2; cat "$work/on/server.log" >&2; exit 1; }

declare -A front_port
for front in off on; do
    front_port[$front]=$(free_port)
    mkdir -p "$work/nginx-$front"
    "$root/tests/fixtures/nginx-front.sh" start "$work/nginx-$front" "${front_port[$front]}" "$data/ca/tls.crt" "$data/ca/tls.key" \
        "$data/ca/client-ca.pem" "unix:$work/$front.sock"
    if [ "$(nproc)" -ge 2 ]; then # nginx's worker on a core of its own, as run.sh does
        for worker in $(pgrep -P "$(cat "$work/nginx-$front/nginx.pid")"); do
            taskset -a -p -c 0 "$worker" >/dev/null
        done
    fi
done
# Prometheus' part: a scrape every second for the whole run
( while sleep 1; do curl -sf "http://127.0.0.1:$metrics_port/metrics" >/dev/null || true; done ) &
scraper_pid=$!

cert="$work/flows/client.crt" key="$work/flows/client.key"
# rate off|on: one turn's requests per second; every answer must be 200 (else the turn is not
# the server's work: the bench stops)
rate() {
    local line statuses
    line=$("$bin/enroll-loadgen" keepalive --port "${front_port[$1]}" --path /api/v1/me --connections "$connections" \
        --duration "$seconds" --sources 127.0.2.1-127.0.2.64 --ca "$data/ca/chain.pem" --cert "$cert" --key "$key")
    statuses=$(tr ' ' '\n' <<<"$line" | sed -n 's/^statuses=//p')
    if ! [[ "$statuses" =~ ^200:[0-9]+,$ ]] || [ "$(tr ' ' '\n' <<<"$line" | sed -n 's/^keepalive_errors=//p')" != 0 ]; then
        echo "bench: metrics $1: answers other than 200 or errors: $line" >&2
        exit 1
    fi
    tr ' ' '\n' <<<"$line" | sed -n 's/^keepalive_rate=//p'
}
echo "Rokin Enroll: the metrics' cost ($(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ))"
echo "keep-alive GET /api/v1/me behind nginx, $connections connections, $seconds s a turn, $rounds rounds"
rate off >/dev/null # warm both: TLS sessions, the registry's cache, the pages of the database
rate on >/dev/null
off_rates=() on_rates=()
for round in $(seq "$rounds"); do
    # the order alternates, so neither always runs first
    if [ $((round % 2)) = 1 ]; then order="off on"; else order="on off"; fi
    for which in $order; do
        r=$(rate "$which")
        [ "$which" = off ] && off_rates+=("$r") || on_rates+=("$r")
    done
    printf '  round %d: off %s req/s, on %s req/s, ratio %s\n' "$round" "${off_rates[-1]}" "${on_rates[-1]}" \
        "$(python3 -c 'import sys; print("%.3f" % (float(sys.argv[2]) / float(sys.argv[1])))' "${off_rates[-1]}" "${on_rates[-1]}")"
done
python3 - "${off_rates[*]}" "${on_rates[*]}" <<'PYEOF'
import statistics, sys
off = [float(x) for x in sys.argv[1].split()]
on = [float(x) for x in sys.argv[2].split()]
m_off, m_on = statistics.median(off), statistics.median(on)
# each round's two turns ran next to each other: their ratio is what the machine's drift moves least
ratio = statistics.median(b / a for a, b in zip(off, on))
print("  median: metrics off %.0f req/s, on (scraped every second) %.0f req/s" % (m_off, m_on))
print("  median of the rounds' ratios on/off: %.3f (reference 1.000, limit 0.970)" % ratio)
if ratio < 0.97:
    print("  FAIL  the metrics cost more than 3 %")
    sys.exit(1)
print("  PASS  within 3 %")
PYEOF
