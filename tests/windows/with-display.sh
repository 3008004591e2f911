#!/usr/bin/env bash
# Runs a command with a virtual X display (Xvfb) of a PC's size, for Windows programs under Wine
# whose windows must really be drawn (the windows platform, the Windows style, screenshots); large
# enough for the wizard at 150 %.
set -euo pipefail
if [ -n "${DISPLAY:-}" ] && [ -z "${ENROLL_FORCE_XVFB:-}" ]; then
    exec "$@"
fi
exec xvfb-run -a -s "-screen 0 1920x1440x24" "$@"
