#!/usr/bin/env bash
# Regenerates docs/screenshots/: every wizard page in Japanese, rendered under Xvfb with a CJK font,
# by the GUI test's walk through the real widgets.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}"
build="$ENROLL_ROOT/build"
configure_and_build "$build" -DENROLL_BUILD_TESTS=ON
rm -f "$ENROLL_ROOT"/docs/screenshots/*.png
ENROLL_SCREENSHOT_DIR="$ENROLL_ROOT/docs/screenshots" QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x1024x24" \
    "$ENROLL_ROOT/tests/gui/with-keyring.sh" "$build/tests/TestWizardGui"
ls "$ENROLL_ROOT/docs/screenshots"
