#!/usr/bin/env bash
# Started by test.sh in the background once the native build is done, in its own session: the
# fuzzers' build (clang, ASan + UBSan; fuzz/) and the fuzzers, each for its short fixed time from
# its seeds, with every input that once broke one replayed (fuzz/run.sh runs them longer). At a low
# priority, as the Windows chain: the native tests beside it come first, and this chain takes the
# cores they leave idle while they wait for their servers. A fuzzer's time is fixed, so a busy
# machine costs it executions, never a wrong verdict; the replays are exact either way.
# Usage: fuzz-chain.sh FUZZ_BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/phases.sh"
fuzz="$1"

renice -n 10 -p $$ >/dev/null
echo 10 >"/proc/$$/autogroup" 2>/dev/null || true
use_compiler_cache

fuzz_build() {
    CC=clang CXX=clang++ cmake -S "$ENROLL_ROOT" -B "$fuzz" -DENROLL_FUZZ=ON -DENROLL_BUILD_CLIENT=OFF -DENROLL_BUILD_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo "${ENROLL_COMPILER_CACHE[@]}" >/dev/null
    cmake --build "$fuzz" -j "$ENROLL_JOBS"
}
phase "the fuzzers' build in $fuzz" fuzz_build
phase "the fuzzers (fuzz/, short)" ctest --test-dir "$fuzz" --output-on-failure -j "$ENROLL_JOBS" -L fuzz
