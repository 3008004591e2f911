#!/usr/bin/env bash
# Runs a Windows program under Wine: in $WINEPREFIX when set (a test that needs several steps in one
# prefix sets it), otherwise in a throwaway prefix made for this one run (booted-prefix.sh: a copy
# of a booted one).
set -euo pipefail
export WINEDEBUG="${ENROLL_WINEDEBUG:--all}" WINEDLLOVERRIDES="mscoree,mshtml="
own=""
if [ -z "${WINEPREFIX:-}" ]; then
    own=$(mktemp -d)
    "$(dirname "$0")/booted-prefix.sh" "$own/prefix"
    export WINEPREFIX="$own/prefix"
fi
status=0
wine "$@" || status=$?
wineserver -w
[ -n "$own" ] && rm -rf "$own"
exit $status
