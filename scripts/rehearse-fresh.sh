#!/usr/bin/env bash
# Runs the README's test command as a new machine would: in a fresh clone of the committed HEAD, with
# an empty cache root (ENROLL_CACHE_DIR) and an empty TMPDIR, so that nothing this machine already
# holds (the Windows dependencies, the compiler cache, a booted Wine prefix, folders in /tmp) can
# hide a missing step. The run fails when it is over its time budget (ENROLL_BUDGET_STRICT=1).
# Debian packages already installed stay installed: the first run on a new machine also spends
# the "packages" phase (about 70 s) on them.
#
# Usage: scripts/rehearse-fresh.sh [--copy-windows-deps] [--cache DIR] [ctest args…]
#   --copy-windows-deps  copy the Windows dependencies (only they) from this machine's cache into
#                        the empty one, so that a rehearsal does not spend 35 minutes on qtbase; the
#                        total is then judged with the time their build took when they were made
#                        (recorded in their prefix) added, against the fresh budget
#   --cache DIR          the cache root to use and keep (empty at first; a second rehearsal with
#                        the same DIR is "a second run on the same machine"); by default a new one
#                        inside the rehearsal folder, removed at the end
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/phases.sh"

copy_deps=0 cache=""
while [ $# -gt 0 ]; do
    case "$1" in
    --copy-windows-deps) copy_deps=1 ;;
    --cache) cache="$2" && shift ;;
    *) break ;;
    esac
    shift
done

root="$(mktemp -d /var/tmp/rokin-rehearsal.XXXXXX)"
own_cache=0
if [ -z "$cache" ]; then
    cache="$root/cache" own_cache=1
fi
mkdir -p "$cache" "$root/tmp"
# as a machine's own: the tests' other users (postgres, nginx's workers) reach into both
chmod 0755 "$root"
chmod 1777 "$root/tmp"
cache="$(cd "$cache" && pwd)"
cleanup() {
    rm -rf "$root/clone" "$root/tmp"
    [ $own_cache -eq 1 ] && rm -rf "$cache"
    log "rehearsal logs kept in $root/logs"
}
trap cleanup EXIT

recorded_deps_seconds=0
if [ $copy_deps -eq 1 ]; then
    real_cache="$(ENROLL_CACHE_DIR="" enroll_cache_dir)"
    prefix="$(cat "$real_cache/windows-deps.current" 2>/dev/null || true)"
    [ -n "$prefix" ] && [ -f "$prefix/.complete" ] || die "no complete Windows dependencies in $real_cache to copy"
    recorded_deps_seconds="$(sed -n 's/^seconds=//p' "$prefix/.complete")"
    [ -n "$recorded_deps_seconds" ] || die "$prefix/.complete records no build time (built before it did: build them once more)"
    log "copying the Windows dependencies $prefix (built in ${recorded_deps_seconds}s) into $cache"
    cp -a "$prefix" "$cache/"
    printf '%s\n' "$cache/$(basename "$prefix")" >"$cache/windows-deps.current"
fi

log "a fresh clone of HEAD ($(git -C "$ENROLL_ROOT" rev-parse --short HEAD)) in $root/clone; caches in $cache; TMPDIR $root/tmp"
git clone -q "$ENROLL_ROOT" "$root/clone"
status=0
(
    cd "$root/clone"
    export ENROLL_CACHE_DIR="$cache" TMPDIR="$root/tmp"
    [ $copy_deps -eq 1 ] || export ENROLL_BUDGET_STRICT=1
    bash scripts/test.sh "$@"
) || status=$?
cp -a "$root/clone/build-test-logs" "$root/logs" 2>/dev/null || true
[ $status -eq 0 ] || die "the rehearsal's run failed (exit $status)"

if [ $copy_deps -eq 1 ]; then
    # judged as a whole new machine would be: this run, plus the dependencies' recorded build
    total=$(awk -F'\t' '{ end = $1 + $2; if (end > last) last = end } END { print last }' "$root/logs/phases.tsv")
    estimate=$((total + recorded_deps_seconds))
    log "fresh estimate: this run ${total}s + the Windows dependencies' build ${recorded_deps_seconds}s = ${estimate}s (budget ${ENROLL_BUDGET_FRESH}s)"
    [ "$estimate" -le "$ENROLL_BUDGET_FRESH" ] || die "over the fresh budget by $((estimate - ENROLL_BUDGET_FRESH))s"
fi
log "the rehearsal's run passed"
