#!/usr/bin/env bash
# The committed pictures of every wizard page, docs/screenshots/: in Japanese, in English (en/), at
# 150 % (150/, 150/en/), drawn under Xvfb with a CJK font by the GUI tests' walks through the real
# widgets (TestWizardGui, TestWizardGui150); and windows/: the pages of the Windows build under Wine
# (the windows platform, the Windows style; en/ and 150/: every page but the proxy's), by
# TestWindowsWizard.
#
# Usage: scripts/screenshots.sh [--accept]
#   (nothing)  draws every picture and compares it with its baseline, as scripts/test.sh does; a
#              picture that changed fails, its fresh copy and its difference (red: changed, blue:
#              left out as changing: times, serials, the code) in build/screenshot-diffs/
#   --accept   the fresh pictures that changed become the baselines (a change to a page made on
#              purpose); the others stay as committed, so `git status docs/screenshots` shows what
#              changed. A picture no walk takes any more is removed by hand.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
accept=0
case "${1:-}" in
--accept) accept=1 ;;
"") ;;
*) die "usage: scripts/screenshots.sh [--accept]" ;;
esac
ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}" "${ENROLL_WINDOWS_PACKAGES[@]}" \
    "${ENROLL_WINDOWS_DEPS_PACKAGES[@]}"
bash "$ENROLL_ROOT/scripts/windows-deps.sh"
use_compiler_cache
win="$ENROLL_ROOT/build-win"
cmake -S "$ENROLL_ROOT" -B "$win" -DCMAKE_TOOLCHAIN_FILE="$ENROLL_ROOT/cmake/toolchains/mingw-w64.cmake" \
    -DCMAKE_BUILD_TYPE=Release "${ENROLL_COMPILER_CACHE[@]}"
cmake --build "$win" -j "$ENROLL_JOBS" --target all deploy
build="$ENROLL_ROOT/build"
configure_and_build "$build" -DENROLL_BUILD_TESTS=ON -DENROLL_TEST_HOOKS=ON -DENROLL_WINDOWS_BUILD="$win"

if [ $accept -eq 1 ]; then
    export ENROLL_SCREENSHOT_ACCEPT=1
fi
rm -rf "$build/screenshot-diffs"
# the tests themselves say how the pictures are drawn (tests/gui, tests/windows: CMakeLists.txt)
status=0
(cd "$build" && ctest --output-on-failure -R '^(TestWizardGui|TestWizardGui150|TestWindowsWizard)$') || status=$?
if [ $status -ne 0 ] && [ -d "$build/screenshot-diffs" ]; then
    log "pictures that changed (fresh copy, difference):"
    (cd "$build/screenshot-diffs" && find . -name '*.png' | sort)
fi
[ $status -eq 0 ] || die "the pictures' walks failed"
[ $accept -eq 1 ] && git -C "$ENROLL_ROOT" status --short docs/screenshots | head -40
exit 0
