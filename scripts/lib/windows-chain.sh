#!/usr/bin/env bash
# Started by test.sh in the background, in its own session: the Windows dependencies (built, or
# taken from the cache) and then the cross build of the whole client for Windows (RokinEnroll.exe,
# enroll-certstore.exe, the tests) with its deployment folder. At the lowest priority: the native
# build and tests beside it come first, and this chain takes the cores they leave idle.
# Usage: windows-chain.sh WIN_BUILD_DIR STATE_FILE
#   STATE_FILE gets "fresh" when the Windows dependencies were built in this run, else "cached".
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/phases.sh"
win="$1" state="$2"

renice -n 19 -p $$ >/dev/null
echo 19 >"/proc/$$/autogroup" 2>/dev/null || true # its session is its own scheduling group too
# and its disk writes (object files by the thousand) yield to the tests' fsyncs where the I/O
# scheduler honours classes
ionice -c 3 -p $$ 2>/dev/null || true
use_compiler_cache

# OpenSSL, qtbase and QtKeychain for Windows from Debian's sources (about 40 minutes the first time
# on 2 cores), then reused from the cache; its last line is the prefix
deps_log="$(dirname "$state")/windows-deps.log"
phase "Windows dependencies (scripts/windows-deps.sh)" bash "$ENROLL_ROOT/scripts/windows-deps.sh" >"$deps_log" 2>&1 \
    || { tail -n 40 "$deps_log"; die "the Windows dependencies failed (whole log: $deps_log)"; }
cat "$deps_log"
if grep -q 'windows-deps: reusing' "$deps_log"; then echo cached >"$state"; else echo fresh >"$state"; fi
# the prefix named, so that the toolchain file never looks for one anywhere else
ENROLL_WINDOWS_DEPS="$(tail -n 1 "$deps_log")"
export ENROLL_WINDOWS_DEPS

cross_build() {
    cmake -S "$ENROLL_ROOT" -B "$win" -DCMAKE_TOOLCHAIN_FILE="$ENROLL_ROOT/cmake/toolchains/mingw-w64.cmake" \
        -DCMAKE_BUILD_TYPE=Release -DENROLL_WARNINGS_AS_ERRORS=ON "${ENROLL_COMPILER_CACHE[@]}"
    cmake --build "$win" -j "$ENROLL_JOBS"
    cmake --build "$win" --target deploy
}
phase "cross build for Windows in $win" cross_build
[ -f "$win/bin/RokinEnroll.exe" ] || die "the cross build made no RokinEnroll.exe"
