#!/usr/bin/env bash
# Runs a command with a virtual X display (Xvfb) of a PC's size, for Windows programs under Wine
# whose windows must really be drawn (the windows platform, the Windows style, screenshots); large
# enough for the wizard at 150 %. A desktop's own display is used unless ENROLL_FORCE_XVFB is set.
# The display's number is the one Xvfb picks itself (-displayfd): tests started side by side never
# race for one, as xvfb-run -a's can.
set -euo pipefail
if [ -n "${DISPLAY:-}" ] && [ -z "${ENROLL_FORCE_XVFB:-}" ]; then
    exec "$@"
fi
dir="$(mktemp -d)"
Xvfb -displayfd 5 -screen 0 1920x1440x24 -nolisten tcp 5>"$dir/display" 2>"$dir/log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do
    [ -s "$dir/display" ] && break
    kill -0 "$xvfb" 2>/dev/null || { cat "$dir/log" >&2; echo "with-display.sh: Xvfb did not start" >&2; exit 1; }
    sleep 0.1
done
[ -s "$dir/display" ] || { cat "$dir/log" >&2; echo "with-display.sh: Xvfb named no display" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$dir/display")"
unset XAUTHORITY
status=0
"$@" || status=$?
exit "$status"
