#!/usr/bin/env bash
# Runs the product on its embedded default on this machine: installs what is missing, builds in
# build/, then runs what exists so far and says what is coming.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_packages "${ENROLL_BUILD_PACKAGES[@]}"

build="$ENROLL_ROOT/build"
log "building in $build"
configure_and_build "$build"

log "the shared rules (common/), checked by their tests"
(cd "$build" && ctest -L unit --output-on-failure -j "$ENROLL_JOBS")

cat <<'MSG'

Rokin Enroll: what runs today is the shared rule library that the client and the server both use
(input rules of SPEC §2, error codes and messages, certificate validity in JST).
Coming next, through this same command: the server on its embedded default (SQLite, development
CA, mail in an outbox folder) with a demo contract, and the enrollment wizard against it.
MSG
