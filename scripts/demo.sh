#!/usr/bin/env bash
# Runs the product on its embedded default: installs what is missing and builds in build/.
# With a display: starts enroll-server on demo-data/ (SQLite, development CA, mails as .eml files)
# with a demo contract and opens the wizard against it, to be used by hand.
# Without a display (or ENROLL_DEMO_HEADLESS=1): plays the whole master flow through the real
# wizard in a virtual display (Xvfb), against a fresh server, and leaves a screenshot of every
# page and the issued certificate in a folder it names.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

headless=0
if [ -n "${ENROLL_DEMO_HEADLESS:-}" ] || { [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; }; then
    headless=1
fi

if [ $headless -eq 1 ]; then
    ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" "${ENROLL_TEST_PACKAGES[@]}"
else
    ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" gnome-keyring
fi
use_compiler_cache

build="$ENROLL_ROOT/build"
log "building in $build"
configure_and_build "$build" -DENROLL_BUILD_TESTS=$([ $headless -eq 1 ] && echo ON || echo OFF) \
    -DENROLL_TEST_HOOKS=$([ $headless -eq 1 ] && echo ON || echo OFF)

if [ $headless -eq 1 ]; then
    out="${ENROLL_DEMO_DIR:-$ENROLL_ROOT/demo-data}/walkthrough-$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$out/screenshots"
    log "no display: the master flow through the real wizard under Xvfb (a fresh server, its own keyring)"
    ENROLL_SCREENSHOT_BASELINE="$out/screenshots" ENROLL_SCREENSHOT_ACCEPT=1 ENROLL_DEMO_OUTPUT="$out" \
        "$ENROLL_ROOT/tests/gui/with-screen.sh" "$build/tests/TestWizardGui" masterFlow_throughTheRealWidgets \
        >"$out/walkthrough.log" 2>&1 || { cat "$out/walkthrough.log"; die "the walk-through failed"; }
    grep -E '^(PASS|FAIL|Totals)' "$out/walkthrough.log" || true
    cat <<MSG

  Screenshots of every page:  $out/screenshots/
  Issued certificate:         $out/guimaster1.crt
      (openssl x509 -in $out/guimaster1.crt -noout -text)
  Run on a desktop (with a display) to use the wizard by hand.
MSG
    exit 0
fi

data="${ENROLL_DEMO_DIR:-$ENROLL_ROOT/demo-data}"
port="${ENROLL_DEMO_PORT:-8443}"
contract=12345678
initial='Demo1!aB'
mkdir -p "$data"
log "starting enroll-server on https://localhost:$port (data in $data)"
"$build/bin/enroll-server" --dev --data-dir "$data" --port "$port" >"$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf --cacert "$data/ca/chain.pem" "https://localhost:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$data/server.log"; die "the server did not start"; }
    sleep 0.2
done
admin() { "$build/bin/enroll-admin" --data-dir "$data" "$@"; }
if ! admin contract list | grep -q "^$contract"; then
    printf '%s\n' "$initial" | admin contract add --number "$contract" --employer '労金デモ商事' --initial-password-stdin
else
    initial="$(cat "$data/demo-initial" 2>/dev/null || printf '%s' "$initial")"
    if admin user list --contract "$contract" | grep -q master; then
        # a fresh master registration each time; a reset sets a new initial password (never the old one)
        if [ "$initial" = 'Demo1!aB' ]; then initial='Demo2!bC'; else initial='Demo1!aB'; fi
        printf '%s\n' "$initial" | admin contract reset-master "$contract" --initial-password-stdin >/dev/null
    fi
fi
printf '%s\n' "$initial" >"$data/demo-initial"

cat <<MSG

  Demo contract   契約番号 $contract / 初期パスワード $initial
  Server          https://localhost:$port  (CA for clients: $data/ca/chain.pem)
  Mails           $data/outbox/  (one .eml per message: the 認証コード is in the newest *-code-*.eml)
  Admin           $build/bin/enroll-admin --data-dir $data user list

  The wizard opens now; the server stops when it closes.
MSG
"$build/bin/rokin-enroll" --server "https://localhost:$port" --ca "$data/ca/chain.pem" --issuers "$data/ca/client-ca.pem" "$@"
