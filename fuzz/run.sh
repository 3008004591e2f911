#!/usr/bin/env bash
# The fuzzers' longer run (docs/reliability.md): builds them (clang, ASan + UBSan) in build-fuzz/,
# runs each for MINUTES (default 10) on its seeds and on what earlier runs found (kept in
# build-fuzz/fuzz/corpus/), and prints each one's figures. A crash leaves its input as
# build-fuzz/fuzz/crash-<name>-…: fix it, then keep the input in fuzz/regressions/<name>/ so that
# every test run replays it.
# Usage: fuzz/run.sh [MINUTES]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/common.sh"
minutes="${1:-10}"
ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" clang libclang-rt-14-dev
use_compiler_cache
build="$ENROLL_ROOT/build-fuzz"
CC=clang CXX=clang++ cmake -S "$ENROLL_ROOT" -B "$build" -DENROLL_FUZZ=ON -DENROLL_BUILD_CLIENT=OFF \
    -DENROLL_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo "${ENROLL_COMPILER_CACHE[@]}" >/dev/null
cmake --build "$build" -j "$ENROLL_JOBS"
status=0
for fuzzer in fuzz_api fuzz_csr fuzz_rules fuzz_pkcs12 fuzz_mail; do
    corpus="$build/fuzz/corpus/$fuzzer"
    mkdir -p "$corpus"
    log "$fuzzer: $minutes minutes"
    if ! "$build/bin/$fuzzer" -max_total_time=$((minutes * 60)) -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$build/fuzz/crash-$fuzzer-" "$corpus" "$ENROLL_ROOT/fuzz/corpus/$fuzzer" \
        >"$build/fuzz/$fuzzer.log" 2>&1; then
        status=1
        grep -E 'ERROR|broken|SUMMARY' "$build/fuzz/$fuzzer.log" | head -n 5
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^Done' "$build/fuzz/$fuzzer.log" | tr '\n' ' '
    echo "corpus: $(find "$corpus" -type f | wc -l) inputs; coverage: $(grep -oE 'cov: [0-9]+' "$build/fuzz/$fuzzer.log" | tail -n1)"
done
exit "$status"
