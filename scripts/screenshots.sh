#!/usr/bin/env bash
# Regenerates docs/screenshots/: every wizard page in Japanese (and in en/ in English), rendered under Xvfb with a CJK font,
# by the GUI test's walk through the real widgets; and docs/screenshots/windows/: the same pages of
# the Windows build under Wine (the windows platform, the Windows Vista style), by TestWindowsWizard.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}" "${ENROLL_WINDOWS_PACKAGES[@]}" \
    "${ENROLL_WINDOWS_DEPS_PACKAGES[@]}"
bash "$ENROLL_ROOT/scripts/windows-deps.sh"
win="$ENROLL_ROOT/build-win"
cmake -S "$ENROLL_ROOT" -B "$win" -DCMAKE_TOOLCHAIN_FILE="$ENROLL_ROOT/cmake/toolchains/mingw-w64.cmake" \
    -DCMAKE_BUILD_TYPE=Release
cmake --build "$win" -j "$ENROLL_JOBS" --target all deploy
build="$ENROLL_ROOT/build"
configure_and_build "$build" -DENROLL_BUILD_TESTS=ON -DENROLL_TEST_HOOKS=ON -DENROLL_WINDOWS_BUILD="$win"

shots="$ENROLL_ROOT/docs/screenshots"
rm -f "$shots"/*.png "$shots"/en/*.png "$shots"/windows/*.png "$shots"/windows/en/*.png "$shots"/windows/150/*.png \
    "$shots"/150/*.png "$shots"/150/en/*.png
ENROLL_SCREENSHOT_DIR="$shots" TZ=HST10 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x1024x24" \
    "$ENROLL_ROOT/tests/gui/with-keyring.sh" "$build/tests/TestWizardGui"
# every walk at 150 % (an enlarged display): nothing may be cut off
ENROLL_SCREENSHOT_DIR="$shots/150" TZ=HST10 QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1440x24" \
    "$ENROLL_ROOT/tests/gui/with-keyring.sh" "$build/tests/TestWizardGui"
ENROLL_SCREENSHOT_DIR="$shots/windows" ENROLL_FORCE_XVFB=1 \
    "$ENROLL_ROOT/tests/windows/with-display.sh" "$build/tests/TestWindowsWizard"
ls "$shots" "$shots/windows" "$shots/150"
