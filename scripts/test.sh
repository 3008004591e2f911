#!/usr/bin/env bash
# Runs every test: installs what is missing, builds from scratch and runs every suite, printing each
# phase's start and duration and the total against the time budget (scripts/lib/phases.sh).
#
# Two chains run at once, because neither waits for the other until the end:
#   the Windows chain (scripts/lib/windows-chain.sh, lowest priority): the Windows dependencies
#     (built once, then cached) and the cross build of the client in build-test-win/;
#   the native chain (normal priority): the Windows certificate-store tool alone (cross-built in
#     build-test-winstore/: it needs none of the dependencies), the native build in build-test/,
#     every test that needs nothing more of the Windows build (the store's under Wine included);
#     beside those tests, at a low priority, the fuzzers' build and the fuzzers
#     (scripts/lib/fuzz-chain.sh), waited for when the tests are done.
# Then, side by side, the Windows build's tests under Wine and the native build's tests that drive
# the whole Windows build (label windows-build); last, alone on the machine, the short benchmark. Caches live in enroll_cache_dir (scripts/lib/common.sh); the
# logs of the run in build-test-logs/.
# Usage: scripts/test.sh [ctest args…]   e.g. scripts/test.sh -L unit
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/leftovers.sh"
source "$(dirname "$0")/lib/phases.sh"

ENROLL_CACHE_DIR="$(enroll_cache_dir)" # one cache root for everything this run starts
ENROLL_RUN_START=$(date +%s)
logs="$ENROLL_ROOT/build-test-logs"
ENROLL_PHASES="$logs/phases.tsv"
export ENROLL_CACHE_DIR ENROLL_RUN_START ENROLL_PHASES
mkdir -p "$ENROLL_CACHE_DIR"
rm -rf "$logs" && mkdir -p "$logs"
win="$ENROLL_ROOT/build-test-win"
winstore="$ENROLL_ROOT/build-test-winstore"
build="$ENROLL_ROOT/build-test"
fuzz="$ENROLL_ROOT/build-test-fuzz"
deps_state="$logs/windows-deps.state"

chain_pid="" fuzz_pid="" soak_pid=""
# at the end, whatever happened: the Windows chain stopped, the phase table and the budget (which
# fails the run only with ENROLL_BUDGET_STRICT=1, as scripts/rehearse-fresh.sh sets it)
finish() {
    local status=$?
    [ -n "$chain_pid" ] && kill -- -"$chain_pid" 2>/dev/null
    [ -n "$fuzz_pid" ] && kill -- -"$fuzz_pid" 2>/dev/null
    [ -n "$soak_pid" ] && kill -- -"$soak_pid" 2>/dev/null
    if ! phase_summary "$(cat "$deps_state" 2>/dev/null || true)" \
        && [ "${ENROLL_BUDGET_STRICT:-0}" = 1 ] && [ $status -eq 0 ]; then
        exit 1
    fi
}
trap finish EXIT

phase "packages" ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}" \
    "${ENROLL_WINDOWS_PACKAGES[@]}" "${ENROLL_WINDOWS_DEPS_PACKAGES[@]}"
use_compiler_cache
rm -rf "$win" "$winstore" "$build" "$fuzz"
# every test runs after this point, in either chain
leftovers_snapshot

# its own session and process group, so that a failure here stops it with everything it started
setsid bash "$ENROLL_ROOT/scripts/lib/windows-chain.sh" "$win" "$deps_state" >"$logs/windows-chain.log" 2>&1 &
chain_pid=$!
log "the Windows chain runs beside (log: $logs/windows-chain.log)"

# --- the native chain
# the Win32 store module's tool (no Qt, no OpenSSL): the store's Wine tests need nothing else
store_build() {
    cmake -S "$ENROLL_ROOT" -B "$winstore" -DCMAKE_TOOLCHAIN_FILE="$ENROLL_ROOT/cmake/toolchains/mingw-w64.cmake" \
        -DENROLL_WINDOWS_STORE_ONLY=ON -DCMAKE_BUILD_TYPE=Release -DENROLL_WARNINGS_AS_ERRORS=ON \
        "${ENROLL_COMPILER_CACHE[@]}" >/dev/null
    cmake --build "$winstore" -j "$ENROLL_JOBS" --target enroll-certstore
}
phase "the Windows store tool in $winstore" store_build
phase "native build in $build (warnings are errors)" configure_and_build "$build" \
    -DENROLL_WARNINGS_AS_ERRORS=ON -DENROLL_TEST_HOOKS=ON -DENROLL_WINDOWS_BUILD="$win" \
    -DENROLL_WINDOWS_TOOL="$winstore/bin/enroll-certstore.exe"
# the fuzzers beside the native tests (scripts/lib/fuzz-chain.sh, low priority)
setsid bash "$ENROLL_ROOT/scripts/lib/fuzz-chain.sh" "$fuzz" >"$logs/fuzz-chain.log" 2>&1 &
fuzz_pid=$!
log "the fuzzers run beside (log: $logs/fuzz-chain.log)"
# The soak in a lane of its own beside them: three minutes of steady, moderate traffic that mostly
# waits (the native tests use about 60 % of the cores at -j2); with ctest arguments it runs among
# them as any test does
native_exclude='bench|windows-build'
if [ $# -eq 0 ]; then
    native_exclude='bench|windows-build|soak'
    setsid ctest --test-dir "$build" --output-on-failure -L soak >"$logs/soak.log" 2>&1 &
    soak_pid=$!
    log "the soak runs beside (log: $logs/soak.log)"
fi
phase "the native tests (all but the benchmark and those of the whole Windows build)" \
    ctest --test-dir "$build" --output-on-failure -j "$ENROLL_JOBS" -LE "$native_exclude" "$@"
if [ -n "$soak_pid" ]; then
    log "waiting for the soak"
    wait_start=$(date +%s) soak_status=0
    wait "$soak_pid" || soak_status=$?
    soak_pid=""
    phase_record "waiting for the soak" "$wait_start" "$soak_status"
    cat "$logs/soak.log"
    [ $soak_status -eq 0 ] || die "the soak failed (log above: $logs/soak.log)"
fi

log "waiting for the fuzzers"
wait_start=$(date +%s) fuzz_status=0
wait "$fuzz_pid" || fuzz_status=$?
fuzz_pid=""
phase_record "waiting for the fuzzers" "$wait_start" "$fuzz_status"
cat "$logs/fuzz-chain.log"
[ $fuzz_status -eq 0 ] || die "the fuzzers failed (log above: $logs/fuzz-chain.log)"

# --- the Windows chain's end (waited for in this shell: it is this shell's child), then what needs both
log "waiting for the Windows chain"
wait_start=$(date +%s) chain_status=0
wait "$chain_pid" || chain_status=$?
chain_pid=""
phase_record "waiting for the Windows chain" "$wait_start" "$chain_status"
if [ $chain_status -ne 0 ]; then
    tail -n 60 "$logs/windows-chain.log"
    die "the Windows chain failed (whole log: $logs/windows-chain.log)"
fi
# The two suites side by side: both mostly wait for Wine (its boots, windows, the server); the
# wizard's test is one long program
windows_tests() {
    local wizard_pid status=0 wizard_status=0
    ctest --test-dir "$build" --output-on-failure -L windows-build "$@" >"$logs/windows-build-tests.log" 2>&1 &
    wizard_pid=$!
    ctest --test-dir "$win" --output-on-failure -j "$ENROLL_JOBS" "$@" || status=$?
    wait "$wizard_pid" || wizard_status=$?
    cat "$logs/windows-build-tests.log"
    [ $status -eq 0 ] && [ $wizard_status -eq 0 ]
}
phase "the Windows build's tests under Wine, beside the native ones that drive it" windows_tests "$@"
# issue #13's thresholds: nginx, enroll-server and the load generator on this machine's cores
# (bench/run.sh --short --check; docs/performance.md), last and alone; its figures printed either way
phase "the short benchmark (bench/, thresholds)" ctest --test-dir "$build" --verbose -L bench "$@"
# every test ends what it started and removes its folders, even when it fails
leftovers_check
