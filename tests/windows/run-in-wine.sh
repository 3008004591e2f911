#!/usr/bin/env bash
# Runs a Windows program under Wine: in $WINEPREFIX when set (a test that needs several steps in one
# prefix sets it), otherwise in a throwaway prefix made for this one run. A throwaway prefix is a
# copy of a freshly booted one kept per Wine version in the project's cache (scripts/lib/common.sh:
# enroll_cache_dir, outside the clone and outside /tmp; booting takes 10–15 s, a copy about one).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
export WINEDEBUG="${ENROLL_WINEDEBUG:--all}" WINEDLLOVERRIDES="mscoree,mshtml="
own=""
if [ -z "${WINEPREFIX:-}" ]; then
    mkdir -p "$(enroll_cache_dir)/wine"
    template="$(enroll_cache_dir)/wine/prefix-$(id -u)-$(wine --version | tr -c 'A-Za-z0-9.\n' _)"
    (
        flock 9
        if [ ! -f "$template/.booted" ]; then
            rm -rf "$template"
            WINEPREFIX="$template" wineboot --init >/dev/null 2>&1
            WINEPREFIX="$template" wineserver -w
            touch "$template/.booted"
        fi
    ) 9>"$template.lock"
    own=$(mktemp -d)
    cp -a "$template" "$own/prefix"
    export WINEPREFIX="$own/prefix"
fi
status=0
wine "$@" || status=$?
wineserver -w
[ -n "$own" ] && rm -rf "$own"
exit $status
