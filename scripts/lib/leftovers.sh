# Sourced by test.sh: what the tests start must end with them, and what they write into /tmp (and
# $TMPDIR, when it is another folder) must go with them. Caches belong in enroll_cache_dir, never
# there. Before a test run, leftovers_snapshot; after it, leftovers_check fails (and cleans up) when
# a process of the kinds the tests start, or a visible entry of those folders, outlived the run.
# shellcheck shell=bash

# the programs the tests run, by process name (ps's comm, 15 characters at most): the project's
# own, their tests, the servers and tools they drive, and every Windows program under Wine
ENROLL_TEST_PROCESSES='^(enroll-.*|rokin-enroll|Test[A-Z].*|nginx|postgres|wineserver|Xvfb|gnome-keyring-d|dbus-daemon|.*\.exe)$'

leftover_processes() { # "pid name args" of the kinds above, and the tests' SMTP servers
    ps -eo pid=,comm=,args= | awk -v kinds="$ENROLL_TEST_PROCESSES" \
        '$2 ~ kinds || ($2 ~ /^python3/ && $0 ~ /smtp_sink|aiosmtpd/)'
}

# the temporary folders: /tmp, and $TMPDIR when it is another one (scripts/rehearse-fresh.sh)
leftover_tmp_dirs() {
    printf '%s\n' /tmp
    if [ -n "${TMPDIR:-}" ] && [ "$(cd "$TMPDIR" && pwd -P)" != "$(cd /tmp && pwd -P)" ]; then
        printf '%s\n' "$TMPDIR"
    fi
}
leftover_tmp_entries() { # "folder/entry" of each, sorted
    local dir
    while read -r dir; do
        ls -1 "$dir" | sed "s|^|${dir%/}/|"
    done < <(leftover_tmp_dirs) | sort
}

leftovers_snapshot() {
    leftovers_before_pids=$(leftover_processes | awk '{print $1}' | sort)
    leftovers_before_tmp=$(leftover_tmp_entries)
}

leftovers_check() {
    local new="" waited=0
    # Wine's server lingers 3 s after its last program; a stopped server may still be exiting
    while :; do
        new=$(leftover_processes | awk -v before="$leftovers_before_pids" \
            'BEGIN { n = split(before, b, "\n"); for (i = 1; i <= n; i++) seen[b[i]] = 1 } !($1 in seen)')
        [ -z "$new" ] || [ "$waited" -ge 20 ] && break
        sleep 1
        waited=$((waited + 1))
    done
    local tmp
    # what the tests make there: mktemp's tmp.*, QTemporaryDir's <program>-XXXXXX, the bench's folder
    tmp=$(comm -13 <(printf '%s\n' "$leftovers_before_tmp") <(leftover_tmp_entries) |
        grep -E '/(tmp\.|Test[A-Za-z0-9]*-|enroll|rokin)[^/]*$' || true)
    [ -z "$new" ] && [ -z "$tmp" ] && { log "no process or temporary folder entry outlived the tests"; return 0; }
    [ -n "$new" ] && printf 'started by the tests and still running:\n%s\n' "$new" >&2
    [ -n "$tmp" ] && printf 'left in the temporary folders by the tests:\n%s\n' "$tmp" >&2
    # clean up for the next run, then fail
    [ -n "$new" ] && awk '{print $1}' <<<"$new" | xargs -r kill -9 2>/dev/null || true
    [ -n "$tmp" ] && printf '%s\n' "$tmp" | xargs -r -d '\n' rm -rf -- || true
    die "the tests left processes or files behind (above)"
}
