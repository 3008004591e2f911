#!/usr/bin/env bash
# Runs every test: installs what is missing, builds from scratch in build-test/, runs CTest.
# Usage: scripts/test.sh [ctest args…]   e.g. scripts/test.sh -L unit
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}" "${ENROLL_WINDOWS_PACKAGES[@]}"

# The Win32 certificate-store module, its tool and tests, cross-built (run under Wine).
win="$ENROLL_ROOT/build-test-win"
rm -rf "$win"
log "cross-building the Windows parts in $win (mingw-w64)"
cmake -S "$ENROLL_ROOT" -B "$win" -DCMAKE_TOOLCHAIN_FILE="$ENROLL_ROOT/cmake/toolchains/mingw-w64.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DENROLL_WARNINGS_AS_ERRORS=ON
cmake --build "$win" -j "$ENROLL_JOBS"

build="$ENROLL_ROOT/build-test"
rm -rf "$build"
log "building in $build (warnings are errors)"
configure_and_build "$build" -DENROLL_WARNINGS_AS_ERRORS=ON -DENROLL_WINDOWS_TOOL="$win/bin/enroll-certstore.exe"

log "running the Windows module's own tests under Wine"
ctest --test-dir "$win" --output-on-failure "$@"

log "running the tests"
cd "$build"
ctest --output-on-failure -j "$ENROLL_JOBS" "$@"
