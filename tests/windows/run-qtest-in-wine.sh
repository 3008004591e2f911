#!/usr/bin/env bash
# Runs a Qt Test program of the Windows build under Wine (run-in-wine.sh) and shows its log. Qt Test
# on Windows writes to the debugger (OutputDebugString) when no console window is attached, as
# under Wine from a Unix shell: the log goes to a file instead and is printed here.
# Usage: run-qtest-in-wine.sh PROGRAM.exe [test functions…]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp --suffix=.txt)
trap 'rm -f "$log"' EXIT
status=0
"$here/run-in-wine.sh" "$1" -o "Z:$log,txt" "${@:2}" || status=$?
tr -d '\r' <"$log"
exit $status
