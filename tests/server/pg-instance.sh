#!/usr/bin/env bash
# A private PostgreSQL server for the tests: start DIR PORT | stop DIR | resume DIR PORT (start again, the
# database kept) | sql PORT ROLE PSQL-ARGS…. Runs as the postgres user
# (PostgreSQL refuses root), listens on 127.0.0.1:PORT only, trusts local connections, and has a
# database "enroll".
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$1" in
start)
    dir="$2"
    port="$3"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    as_postgres psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE enroll" >/dev/null
    ;;
stop)
    as_postgres "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null || true
    ;;
resume)
    as_postgres "$bin/pg_ctl" -D "$2/data" -l "$2/server.log" -w \
        -o "-p $3 -k $2 -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    ;;
sql)
    port="$2"
    role="$3"
    shift 3
    psql -h 127.0.0.1 -p "$port" -U "$role" -d enroll -v ON_ERROR_STOP=1 -qAt "$@"
    ;;
esac
