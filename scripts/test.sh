#!/usr/bin/env bash
# Runs every test: installs what is missing, builds from scratch in build-test/, runs CTest.
# Usage: scripts/test.sh [ctest args…]   e.g. scripts/test.sh -L unit
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}"

build="$ENROLL_ROOT/build-test"
rm -rf "$build"
log "building in $build (warnings are errors)"
configure_and_build "$build" -DENROLL_WARNINGS_AS_ERRORS=ON

log "running the tests"
cd "$build"
ctest --output-on-failure -j "$ENROLL_JOBS" "$@"
