#!/usr/bin/env bash
# The server benchmark (docs/performance.md): in one run, on the same certificates and the same
# client (enroll-loadgen), three targets —
#   direct   enroll-server's embedded TLS listener
#   front    enroll-server behind nginx (the shipped site file, the forwarded Unix socket)
#   static   nginx serving a static JSON of the same size as GET /api/v1/me
# and the figures: a fresh request while idle connections are held, keep-alive GET /api/v1/me at
# 16, 256 and 1,024 connections, full mTLS handshakes per second, authenticate per second,
# 200 concurrent authentications (the server's RSS), a flood of wrong passwords from one address,
# end-to-end issuances per second, and the client's [発行] → confirmed import.
#
# Usage: bench/run.sh [--short] [--check] [--build DIR]
#   --short  the thresholds only (what scripts/test.sh runs): the figures issue #13 sets a limit for,
#            with shorter runs but for keep-alive behind nginx (8 s: a 10 ms stall of this shared
#            machine must not decide a p99 on its own)
#   --check  exit 1 when a threshold of issue #13 is missed (listed at the end)
#   --setup-only  start the three targets, print their ports and files, and leave them running
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="$root/build"
short=0
check=0
setup_only=0
while [ $# -gt 0 ]; do
    case "$1" in
    --short) short=1 ;;
    --check) check=1 ;;
    --setup-only) setup_only=1 ;;
    --build) build="$2"; shift ;;
    *) echo "usage: $0 [--short] [--check] [--build DIR]" >&2; exit 2 ;;
    esac
    shift
done
bin="$build/bin"
for b in enroll-server enroll-admin enroll-loadgen; do
    [ -x "$bin/$b" ] || { echo "bench: $bin/$b is missing (build first)" >&2; exit 2; }
done
if [ "$short" = 1 ]; then
    duration=3; keepalive_duration=8; users=40; rounds=2; authenticate_seconds=3; revocation_duration=4
    keepalive_counts="256 1024"; keepalive_targets="front"
else
    duration=10; keepalive_duration=10; users=120; rounds=5; authenticate_seconds=8; revocation_duration=10
    keepalive_counts="16 256 1024"; keepalive_targets="static front direct"
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d -t enroll-bench.XXXXXX)"
server_pid=""
cleanup() {
    "$root/tests/fixtures/nginx-front.sh" stop "$work/nginx" >/dev/null 2>&1 || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
direct_port=$(free_port)
front_port=$(free_port)
static_port=$(free_port)
data="$work/data"

# --- the server, on its production defaults but for generated keys; a forwarded listener for nginx
source "$here/lib/server.sh"
start_bench_server "$bin" "$work" "$direct_port" "server.forwardedListen = unix:$work/upstream.sock"
chain="$data/ca/chain.pem"

python3 "$here/flows.py" setup --port "$direct_port" --chain "$chain" --outbox "$data/outbox" --work "$work/flows" \
    --admin "$bin/enroll-admin" --config "$work/server.properties" --users "$users" >"$work/setup.out"
cert="$work/flows/client.crt"
key="$work/flows/client.key"

# --- nginx: the site file in front, and the static JSON of /api/v1/me's size beside it ----------
mkdir -p "$work/static" "$work/nginx"
curl -sf --cacert "$chain" --cert "$cert" --key "$key" "https://localhost:$direct_port/api/v1/me" >"$work/static/me.json"
cat >"$work/nginx/extra.conf" <<EOF
server {
    listen 127.0.0.1:$static_port ssl;
    ssl_certificate     $data/ca/tls.crt;
    ssl_certificate_key $data/ca/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5:!SHA1:!RC4:!3DES;
    ssl_prefer_server_ciphers on;
    ssl_session_cache shared:bench_static:10m;
    ssl_client_certificate $data/ca/client-ca.pem;
    ssl_verify_client optional;
    ssl_verify_depth 3;
    keepalive_timeout 30s;
    root $work/static;
    location = /api/v1/me { default_type "application/json; charset=utf-8"; try_files /me.json =404; }
    location = /static/crl { default_type application/pkix-crl; try_files /crl.der =404; }
    location = /static/ocsp { default_type application/ocsp-response; try_files /ocsp.der =404; }
}
EOF
# the revocation data's bytes for nginx to serve statically: the CRL, and the OCSP answer about the
# benchmark's certificate (asked once here: from then on the server answers it from memory)
openssl ocsp -issuer "$data/ca/ca.crt" -cert "$cert" -no_nonce -reqout "$work/ocsp.req" >/dev/null 2>&1
ocsp_get="/ocsp/$(base64 -w0 "$work/ocsp.req" | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read(), safe=""))')"
curl -sf --cacert "$chain" "https://localhost:$direct_port/crl" >"$work/static/crl.der"
curl -sf --cacert "$chain" "https://localhost:$direct_port$ocsp_get" >"$work/static/ocsp.der"
"$root/tests/fixtures/nginx-front.sh" start "$work/nginx" "$front_port" "$data/ca/tls.crt" "$data/ca/tls.key" "$data/ca/client-ca.pem" \
    "unix:$work/upstream.sock"

# nginx's one worker gets a core of its own (the first), as a front host would give it; enroll-server
# and the load generator share the others with it only when that core is idle. The same for
# "front" and "static".
if [ "$(nproc)" -ge 2 ]; then
    for worker in $(pgrep -P "$(cat "$work/nginx/nginx.pid")"); do
        taskset -a -p -c 0 "$worker" >/dev/null
    done
fi
declare -A port=([direct]=$direct_port [front]=$front_port [static]=$static_port)
if [ "$setup_only" = 1 ]; then
    trap - EXIT
    echo "direct=$direct_port front=$front_port static=$static_port server_pid=$server_pid work=$work"
    echo "ca=$chain cert=$cert key=$key"
    exit 0
fi
declare -A fig
failures=()

loadgen() { "$bin/enroll-loadgen" "$@" --ca "$chain" --cert "$cert" --key "$key"; }
# value KEY LINE: one key=value out of a loadgen line
value() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$server_pid/status"; }
hwm_kb() { awk '/^VmHWM/{print $2}' "/proc/$server_pid/status"; }
# threshold NAME OK(0|1) TEXT
threshold() { if [ "$2" = 1 ]; then echo "  PASS  $1: $3"; else echo "  FAIL  $1: $3"; failures+=("$1"); fi; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print('%.2f' % (a/b) if b else '-')" "$1" "$2"; }
lt() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$1" "$2" && echo 1 || echo 0; }
ge() { python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)" "$1" "$2" && echo 1 || echo 0; }

echo "Rokin Enroll server benchmark ($([ $short = 1 ] && echo short || echo full); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ))"
echo "enroll-server $bin/enroll-server; nginx $(nginx -v 2>&1 | sed 's/.*\///'), 1 worker; client certificate: EC P-256"
echo

# --- 1. a fresh request while idle connections are held ------------------------------------------
echo "== fresh GET /api/v1/me while idle TLS connections are held open"
line=$(loadgen idle --port "$front_port" --path /api/v1/me --idle 10000 --sources 127.0.1.1-127.0.1.100 \
    --probe-source 127.0.0.250 --probes 5)
printf '  behind nginx, 10,000 idle from 100 addresses: held %s, fresh request max %s ms (p50 %s), server RSS %s MB\n' \
    "$(value idle_still_open "$line")" "$(value probe_max_ms "$line")" "$(value probe_p50_ms "$line")" $(( $(rss_kb) / 1024 ))
fig[idle_front_open]=$(value idle_still_open "$line")
fig[idle_front_probe]=$(value probe_max_ms "$line")
fig[idle_front_probe_ok]=$(value probe_ok "$line")
if [ "$short" = 0 ]; then
    line=$(loadgen idle --port "$static_port" --path /api/v1/me --idle 10000 --sources 127.0.1.1-127.0.1.100 \
        --probe-source 127.0.0.250 --probes 5)
    printf '  nginx static, the same: held %s, fresh request max %s ms (ratio %s)\n' "$(value idle_still_open "$line")" \
        "$(value probe_max_ms "$line")" "$(ratio "${fig[idle_front_probe]}" "$(value probe_max_ms "$line")")"
fi
line=$(loadgen idle --port "$direct_port" --path /api/v1/me --idle 1000 --sources 127.0.0.1 \
    --probe-source 127.0.0.251 --probes 5)
printf '  direct, 1,000 idle from one address: held %s, refused %s, fresh request from another address max %s ms\n' \
    "$(value idle_still_open "$line")" "$(value idle_refused "$line")" "$(value probe_max_ms "$line")"
fig[idle_direct_open]=$(value idle_still_open "$line")
fig[idle_direct_refused]=$(value idle_refused "$line")
fig[idle_direct_probe]=$(value probe_max_ms "$line")
fig[idle_direct_probe_ok]=$(value probe_ok "$line")
sleep 6 # the direct listener closes the idle ones after its keep-alive

# --- 2. keep-alive GET /api/v1/me ----------------------------------------------------------------
echo "== keep-alive GET /api/v1/me (mutual TLS), $keepalive_duration s each"
printf '  %-12s %-8s %10s %9s %9s %8s %8s  %s\n' connections target "req/s" "p50 ms" "p99 ms" errors "/static" statuses
declare -A rate=()
# keepalive TARGET CONNS: one keep-alive measurement, its line printed and its figures kept
keepalive() {
    local line
    line=$(loadgen keepalive --port "${port[$1]}" --path /api/v1/me --connections "$2" \
        --duration "$keepalive_duration" --sources 127.0.2.1-127.0.2.64)
    rate[$1]=$(value keepalive_rate "$line")
    fig[ka_$1_$2_p99]=$(value keepalive_p99_ms "$line")
    fig[ka_$1_$2_errors]=$(value keepalive_errors "$line")
    printf '  %-12s %-8s %10s %9s %9s %8s %8s  %s\n' "$2" "$1${3:-}" "${rate[$1]}" "$(value keepalive_p50_ms "$line")" \
        "$(value keepalive_p99_ms "$line")" "$(value keepalive_errors "$line")" "$(ratio "${rate[$1]}" "${rate[static]}")" \
        "$(value statuses "$line")"
    sleep 1
}
# A figure behind nginx that misses its threshold is measured once more, both printed (marked
# "again"): on this shared 2-core machine a stall of the host alone can move a p99.
keepalive_ok() { [ "${fig[ka_front_$1_errors]}" -eq 0 ] && [ "$(lt "${fig[ka_front_$1_p99]}" 100)" = 1 ]; }
for conns in $keepalive_counts; do
    rate=([static]=0)
    for target in $keepalive_targets; do
        keepalive "$target" "$conns"
    done
    if [ "$conns" -ge 256 ] && ! keepalive_ok "$conns"; then
        keepalive front "$conns" " again"
    fi
done
echo "  server RSS $(( $(rss_kb) / 1024 )) MB"

# --- 2b. revocation data behind nginx (issue #26) -----------------------------------------------------
echo "== revocation data at 256 connections, keep-alive, $revocation_duration s each (the server behind nginx; static: nginx serving the same bytes)"
printf '  %-14s %10s %9s %9s %8s %8s  %s\n' what "req/s" "p50 ms" "p99 ms" errors "/static" statuses
# revocation NAME STATIC PORT PATH [loadgen args…]: one measurement, printed (with its ratio to
# STATIC's, already measured), its figures kept as rev_NAME*
revocation() {
    local name="$1" static="$2" target_port="$3" path="$4" line
    shift 4
    line=$("$bin/enroll-loadgen" keepalive --port "$target_port" --ca "$chain" --path "$path" --connections 256 \
        --duration "$revocation_duration" --sources 127.0.9.1-127.0.9.64 "$@")
    fig[rev_$name]=$(value keepalive_rate "$line")
    fig[rev_${name}_p99]=$(value keepalive_p99_ms "$line")
    fig[rev_${name}_errors]=$(value keepalive_errors "$line")
    printf '  %-14s %10s %9s %9s %8s %8s  %s\n' "$name" "${fig[rev_$name]}" "$(value keepalive_p50_ms "$line")" \
        "${fig[rev_${name}_p99]}" "${fig[rev_${name}_errors]}" "$(ratio "${fig[rev_$name]}" "${fig[rev_$static]}")" \
        "$(value statuses "$line")"
    sleep 1
}
revocation static_crl static_crl "$static_port" /static/crl
revocation crl static_crl "$front_port" /crl
revocation static_ocsp static_ocsp "$static_port" /static/ocsp
revocation ocsp_get static_ocsp "$front_port" "$ocsp_get"
revocation ocsp_post static_ocsp "$front_port" /ocsp --method POST --body "$work/ocsp.req" --content-type application/ocsp-request
# EST's cacerts behind nginx (docs/api.md, "EST"; the full run only): the chain a client we did not
# write fetches first (its /static column is against the CRL's bytes, about the same size)
[ "$short" = 1 ] || revocation est_cacerts static_crl "$front_port" /.well-known/est/cacerts
# revocation_ok NAME STATIC: ≥ 5,000/s, p99 < 50 ms, no errors, ≥ 0.7 of nginx serving the same bytes
revocation_ok() {
    [ "${fig[rev_$1_errors]}" -eq 0 ] && [ "$(ge "${fig[rev_$1]}" 5000)" = 1 ] && [ "$(lt "${fig[rev_$1_p99]}" 50)" = 1 ] &&
        [ "$(ge "${fig[rev_$1]}" "$(python3 -c "print(0.7*${fig[rev_$2]})")")" = 1 ]
}

# --- 3. full mTLS handshakes + one GET -------------------------------------------------------------
echo "== full mutual-TLS handshakes, each with one GET /api/v1/me (8 at a time, no resumption), $duration s each"
# handshakes TARGET [MARK]
handshakes() {
    local line
    line=$(loadgen handshakes --port "${port[$1]}" --path /api/v1/me --connections 8 --duration "$duration" \
        --sources 127.0.5.1-127.0.5.200)
    fig[hs_$1]=$(value handshakes_rate "$line")
    printf '  %-14s %8s /s  p50 %s ms  p99 %s ms  errors %s  (/static %s)\n' "$1${2:-}" "${fig[hs_$1]}" \
        "$(value handshakes_p50_ms "$line")" "$(value handshakes_p99_ms "$line")" "$(value handshakes_errors "$line")" \
        "$(ratio "${fig[hs_$1]}" "${fig[hs_static]}")"
}
handshakes_ok() { [ "$(ge "${fig[hs_front]}" "$(python3 -c "print(0.9*${fig[hs_static]})")")" = 1 ]; }
for target in static front direct; do
    handshakes "$target"
done
if ! handshakes_ok; then # the pair once more (see keep-alive)
    handshakes static " again"
    handshakes front " again"
fi

# --- 4. authentications: the rate, and 200 at once ----------------------------------------------
echo "== POST /api/v1/enrollment/authenticate (Argon2id), each from the next of 254 addresses"
bodies="$work/flows/authenticate.jsonl"
[ "$short" = 1 ] || for target in front direct; do
    line=$("$bin/enroll-loadgen" handshakes --port "${port[$target]}" --ca "$chain" --method POST \
        --path /api/v1/enrollment/authenticate --bodies "$bodies" --connections 4 --duration "$authenticate_seconds" \
        --sources 127.0.3.1-127.0.3.254)
    printf '  %-8s 4 at a time: %s /s  p50 %s ms  p99 %s ms  statuses %s\n' "$target" "$(value handshakes_rate "$line")" \
        "$(value handshakes_p50_ms "$line")" "$(value handshakes_p99_ms "$line")" "$(value statuses "$line")"
done
rss_max=0
(while kill -0 "$server_pid" 2>/dev/null; do rss_kb; sleep 0.2; done) >"$work/rss.samples" &
sampler=$!
line=$("$bin/enroll-loadgen" handshakes --port "$front_port" --ca "$chain" --method POST \
    --path /api/v1/enrollment/authenticate --bodies "$bodies" --connections 200 --duration "$authenticate_seconds" \
    --sources 127.0.6.1-127.0.6.254)
line_direct=$("$bin/enroll-loadgen" handshakes --port "$direct_port" --ca "$chain" --method POST \
    --path /api/v1/enrollment/authenticate --bodies "$bodies" --connections 200 --duration "$authenticate_seconds" \
    --sources 127.0.7.1-127.0.7.254)
kill "$sampler" 2>/dev/null || true
rss_max=$(sort -n "$work/rss.samples" | tail -n1)
fig[rss_auth_mb]=$(( rss_max / 1024 ))
printf '  200 at once behind nginx: statuses %s (503: no Argon2id slot within the wait)\n' "$(value statuses "$line")"
printf '  200 at once direct:       statuses %s\n' "$(value statuses "$line_direct")"
printf '  server RSS during both: at most %s MB (high-water mark %s MB)\n' "${fig[rss_auth_mb]}" $(( $(hwm_kb) / 1024 ))

# --- 5. a flood of wrong passwords from one address ------------------------------------------
echo "== a flood of wrong passwords (contract login) from one address"
# a fresh made-up contract number each time: one number tried 6 times is locked like a real one
# (SPEC §3), and what must answer 429 is the address's budget
for n in $(seq 1 60); do
    printf '{"contractNumber":"9999%04d","initialPassword":"Zz9?zz9?"}\n' "$n"
done >"$work/wrong.jsonl"
for target in front direct; do
    source=127.0.8.1
    [ "$target" = direct ] && source=127.0.8.2
    line=$("$bin/enroll-loadgen" handshakes --port "${port[$target]}" --ca "$chain" --method POST \
        --path /api/v1/contract/login --bodies "$work/wrong.jsonl" --connections 1 --duration 60 --requests 45 \
        --sources "$source" --expect 401)
    other=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.8.9 --cacert "$chain" -H 'Content-Type: application/json' \
        -d '{"contractNumber":"98888888","initialPassword":"Zz9?zz9?"}' "https://localhost:${port[$target]}/api/v1/contract/login")
    fig[flood_${target}_401]=$(value handshakes_ok "$line")
    fig[flood_${target}_statuses]=$(value statuses "$line")
    fig[flood_${target}_other]=$other
    printf '  %-8s answered %s before 429 (statuses %s); another address: %s\n' "$target" "$(value handshakes_ok "$line")" \
        "$(value statuses "$line")" "$other"
done

# --- 6. end-to-end issuances ----------------------------------------------------------------------
[ "$short" = 1 ] || {
echo "== end-to-end issuances: authenticate → code from the outbox → verify → issue → confirm (4 at a time)"
line=$(python3 "$here/flows.py" issue --port "$front_port" --chain "$chain" --outbox "$data/outbox" --work "$work/flows" \
    --concurrency 4 --duration "$duration")
printf '  behind nginx: %s /s  p50 %s ms  p99 %s ms  (%s done, %s errors)\n' "$(value issue_rate "$line")" \
    "$(value issue_p50_ms "$line")" "$(value issue_p99_ms "$line")" "$(value issue_ok "$line")" "$(value issue_errors "$line")"
echo "  server RSS $(( $(rss_kb) / 1024 )) MB, high-water mark $(( $(hwm_kb) / 1024 )) MB"
}

# --- 7. the client's side ---------------------------------------------------------------------------
if [ "$short" = 0 ] && [ -x "$bin/enroll-client-bench" ]; then
    echo "== the client: [発行] → issued → confirmed import, through the real controller ($rounds rounds, median)"
    line=$(ENROLL_BENCH_ROUNDS=$rounds QT_QPA_PLATFORM=offscreen "$root/tests/gui/with-keyring.sh" \
        "$bin/enroll-client-bench" 2>/dev/null | grep '^client_' || true)
    printf '  key pair + request + issue %s ms; PKCS#12 + store + confirm %s ms; in all %s ms (max %s ms)\n' \
        "$(value client_issue_ms "$line")" "$(value client_import_confirm_ms "$line")" "$(value client_total_ms "$line")" \
        "$(value client_total_max_ms "$line")"
fi

# --- thresholds (issue #13, "Done when") ------------------------------------------------------------
echo
echo "== thresholds"
threshold "idle-behind-nginx" "$([ "${fig[idle_front_open]}" -ge 10000 ] && [ "${fig[idle_front_probe_ok]}" -eq 5 ] && lt "${fig[idle_front_probe]}" 100 || echo 0)" \
    "10,000 idle held (${fig[idle_front_open]}), fresh GET /api/v1/me max ${fig[idle_front_probe]} ms < 100"
threshold "idle-direct" "$([ "${fig[idle_direct_refused]}" -gt 0 ] && [ "${fig[idle_direct_probe_ok]}" -eq 5 ] && lt "${fig[idle_direct_probe]}" 100 || echo 0)" \
    "1,000 from one address: ${fig[idle_direct_open]} held, ${fig[idle_direct_refused]} refused; another address max ${fig[idle_direct_probe]} ms < 100"
for conns in 256 1024; do
    threshold "keepalive-$conns-behind-nginx" "$(keepalive_ok "$conns" && echo 1 || echo 0)" \
        "${fig[ka_front_${conns}_errors]} errors, p99 ${fig[ka_front_${conns}_p99]} ms < 100"
done
threshold "handshakes-vs-static" "$(handshakes_ok && echo 1 || echo 0)" \
    "behind nginx ${fig[hs_front]}/s ≥ 90 % of static ${fig[hs_static]}/s (ratio $(ratio "${fig[hs_front]}" "${fig[hs_static]}"))"
for target in front direct; do
    threshold "flood-$target" "$([ "${fig[flood_${target}_401]}" -le 32 ] && [[ "${fig[flood_${target}_statuses]}" == *429:* ]] && [ "${fig[flood_${target}_other]}" = 401 ] && echo 1 || echo 0)" \
        "429 after ${fig[flood_${target}_401]} wrong passwords (${fig[flood_${target}_statuses]}), another address answered ${fig[flood_${target}_other]}"
done
for pair in "crl static_crl" "ocsp_get static_ocsp" "ocsp_post static_ocsp"; do
    read -r name static <<<"$pair"
    threshold "revocation-$name-behind-nginx" "$(revocation_ok "$name" "$static" && echo 1 || echo 0)" \
        "${fig[rev_$name]}/s ≥ 5000, p99 ${fig[rev_${name}_p99]} ms < 50, errors ${fig[rev_${name}_errors]}, ≥ 0.7 of static ${fig[rev_$static]}/s ($(ratio "${fig[rev_$name]}" "${fig[rev_$static]}"))"
done
threshold "rss-200-authentications" "$([ "${fig[rss_auth_mb]}" -lt 500 ] && echo 1 || echo 0)" "${fig[rss_auth_mb]} MB < 500 MB"

if [ "$check" = 1 ] && [ "${#failures[@]}" -gt 0 ]; then
    echo "bench: missed: ${failures[*]}" >&2
    tail -n 20 "$work/server.log" >&2
    exit 1
fi
