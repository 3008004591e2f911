#!/usr/bin/env bash
# Runs a GUI test as scripts/screenshots.sh draws the committed pictures: on a virtual X display of
# its own (Xvfb, 1920x1440, even where a desktop's display is at hand: its fonts and DPI are not the
# baselines'), the xcb platform, and its own keyring (with-keyring.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export ENROLL_FORCE_XVFB=1 QT_QPA_PLATFORM=xcb
exec "$here/../windows/with-display.sh" "$here/with-keyring.sh" "$@"
