# Sourced by bench/run.sh and bench/soak.sh: an enroll-server on its production defaults but for
# generated (development) keys, in a work folder, up and answering.
# shellcheck shell=bash

# start_bench_server BIN_DIR WORK PORT [PROPERTY LINE…]: writes WORK/server.properties (data in
# WORK/data), starts the server (its pid in server_pid, its log in WORK/server.log) and waits
# until /healthz answers.
start_bench_server() {
    local bin="$1" work="$2" port="$3"
    shift 3
    {
        printf '%s\n' "server.mode = development" "server.dataDir = $work/data" "server.address = 127.0.0.1" \
            "server.port = $port" "log.level = warning" \
            "server.revocationPort = 0"
        [ "$#" -gt 0 ] && printf '%s\n' "$@"
    } >"$work/server.properties"
    "$bin/enroll-server" --config "$work/server.properties" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        curl -sf --cacert "$work/data/ca/chain.pem" "https://localhost:$port/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "enroll-server did not answer on port $port:" >&2
    tail -n 20 "$work/server.log" >&2
    return 1
}

# bench_setup NAME BIN_DIR: the programs' folder in $bin, and bench_scratch NAME
bench_setup() {
    bin=$(cd "$2" && pwd)
    bench_scratch "$1"
}

# bench_scratch NAME: a work folder in $work (removed at exit, with the server stopped) and a free
# loopback port in $port, for a benchmark with one server of its own
bench_scratch() {
    work="$(mktemp -d -t "enroll-$1.XXXXXX")"
    server_pid=""
    trap bench_scratch_cleanup EXIT
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
}
bench_scratch_cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
