#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the Windows dependencies (or reuses their cache),
# cross-builds the Windows client in build-test-win/, builds everything natively in build-test/,
# and runs both CTest suites (the Windows one under Wine). Each phase prints its duration.
# Usage: scripts/test.sh [ctest args…]   e.g. scripts/test.sh -L unit
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/leftovers.sh"

total_start=$SECONDS
timings=()
# timed NAME COMMAND…: one phase, its duration kept for the summary
timed() {
    local name="$1" start=$SECONDS
    shift
    log "$name"
    "$@"
    timings+=("$(printf '%-44s %5ds' "$name" $((SECONDS - start)))")
}
summary() {
    log "phase times"
    printf '    %s\n' "${timings[@]}"
    printf '    %-44s %5ds\n' "all" $((SECONDS - total_start))
}
trap summary EXIT

timed "packages" ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}" \
    "${ENROLL_WINDOWS_PACKAGES[@]}" "${ENROLL_WINDOWS_DEPS_PACKAGES[@]}"
use_compiler_cache

# The native build needs nothing of the Windows side (only the cross build's path, for its tests):
# it runs beside the Windows dependencies and the cross build at a lower priority, on the core
# their configure, link and install steps leave idle.
win="$ENROLL_ROOT/build-test-win"
build="$ENROLL_ROOT/build-test"
rm -rf "$win" "$build"
native_log="$(mktemp)"
native_start=$SECONDS
# its own process group, so that a failure elsewhere stops it with everything it started
# (its session is its own scheduling group too: the group is lowered, else it takes half the CPU)
setsid bash -c 'source "$1/scripts/lib/common.sh"; use_compiler_cache; renice -n 10 -p $$ >/dev/null
    echo 10 >"/proc/$$/autogroup" 2>/dev/null || true
    configure_and_build "$2" -DENROLL_WARNINGS_AS_ERRORS=ON -DENROLL_TEST_HOOKS=ON -DENROLL_WINDOWS_BUILD="$3"' \
    _ "$ENROLL_ROOT" "$build" "$win" >"$native_log" 2>&1 &
native_pid=$!
trap 'kill -- -"$native_pid" 2>/dev/null || true; summary' EXIT
native_build() {
    if ! wait "$native_pid"; then
        tail -n 60 "$native_log"
        die "the native build failed (whole log: $native_log)"
    fi
    log "native build done ($((SECONDS - native_start))s since it started)"
}

# OpenSSL, qtbase and QtKeychain for Windows from Debian's sources: about 40 minutes the first
# time on 2 cores, then reused from the cache outside the clone
timed "Windows dependencies (scripts/windows-deps.sh)" bash "$ENROLL_ROOT/scripts/windows-deps.sh"

# The whole client for Windows (RokinEnroll.exe, enroll-certstore.exe, the tests), its deployment
# folder; the toolchain file finds the dependency cache by itself.
cross_build() {
    cmake -S "$ENROLL_ROOT" -B "$win" -DCMAKE_TOOLCHAIN_FILE="$ENROLL_ROOT/cmake/toolchains/mingw-w64.cmake" \
        -DCMAKE_BUILD_TYPE=Release -DENROLL_WARNINGS_AS_ERRORS=ON "${ENROLL_COMPILER_CACHE[@]}"
    cmake --build "$win" -j "$ENROLL_JOBS"
    cmake --build "$win" --target deploy
}
timed "cross build for Windows in $win" cross_build
[ -f "$win/bin/RokinEnroll.exe" ] || die "the cross build made no RokinEnroll.exe"
timed "native build in $build (warnings are errors; the rest of it)" native_build
rm -f "$native_log"

leftovers_snapshot
timed "the Windows build's tests under Wine" ctest --test-dir "$win" --output-on-failure -j "$ENROLL_JOBS" "$@"
# The short benchmark (BenchShort, label `bench`) runs last, alone: its thresholds are issue #13's
# and a test beside it would take their cores
timed "the native tests (and the Windows wizard under Wine)" ctest --test-dir "$build" --output-on-failure -j "$ENROLL_JOBS" \
    -LE bench "$@"
# The fuzzers (clang, ASan + UBSan; fuzz/): each for a short fixed time from its seeds, and every
# input that once broke one replayed. fuzz/run.sh runs them longer.
fuzz="$ENROLL_ROOT/build-test-fuzz"
fuzz_build() {
    rm -rf "$fuzz"
    CC=clang CXX=clang++ cmake -S "$ENROLL_ROOT" -B "$fuzz" -DENROLL_FUZZ=ON -DENROLL_BUILD_CLIENT=OFF -DENROLL_BUILD_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo "${ENROLL_COMPILER_CACHE[@]}" >/dev/null
    cmake --build "$fuzz" -j "$ENROLL_JOBS"
}
timed "the fuzzers' build in $fuzz" fuzz_build
timed "the fuzzers (fuzz/, short)" ctest --test-dir "$fuzz" --output-on-failure -j "$ENROLL_JOBS" -L fuzz
# issue #13's thresholds: nginx, enroll-server and the load generator on this machine's cores
# (bench/run.sh --short --check; docs/performance.md); its figures printed either way
timed "the short benchmark (bench/, thresholds)" ctest --test-dir "$build" --verbose -L bench "$@"
# every test ends what it started and removes its folders, even when it fails
leftovers_check
