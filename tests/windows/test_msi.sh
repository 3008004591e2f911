#!/usr/bin/env bash
# The MSI under Wine: built and signed (osslsigncode verify), installed silently with the public
# properties (files in place, HKLM values written, the bank's root in LocalMachine\Root, the
# installed tool runs from its path), upgraded by a newer version to one entry, a downgrade
# refused, uninstalled without a file or key left.
# Usage: test_msi.sh BUILD_DIR (a mingw cross build with enroll-certstore.exe)
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="

builder="$here/../../installer/windows/build-msi.sh"
"$builder" "$build" 0.1.0 "$work/old.msi"
"$builder" "$build" 0.1.1 "$work/new.msi"
cert="${ENROLL_SIGN_CERT:-$build/throwaway-signing.crt}"
for f in "$work/old.msi" "$work/new.msi" "$build/msi-stage-0.1.0/enroll-certstore.exe"; do
    osslsigncode verify -CAfile "$cert" -in "$f" 2>&1 | grep -q '^Succeeded' || fail "$f is not validly signed"
done
echo "MSI and exe signatures: ok"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" -days 30 \
    -subj "/C=JP/O=Rokin/CN=Rokin Enroll Test Root" 2>/dev/null
wineboot --init >/dev/null 2>&1 # (Wine puts per-machine shortcuts in the user's Start menu; Windows in ProgramData)
wineserver -w
program="$WINEPREFIX/drive_c/Program Files/Rokin/Enroll"
regquery() { { wine reg query 'HKLM\Software\Rokin\Enroll' "$@" 2>/dev/null || true; } | tr -d '\r'; }
products() { wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
                 grep -c 'DisplayName.*Rokin Enroll' || true; }

wine msiexec /i "$work/old.msi" /qn SERVER_URL=https://enroll.rokin.example:8443 CA_BUNDLE='Z:'"$work/ca.pem" \
    LANGUAGE=en INSTALL_ROOT_CA=1 || fail "silent install failed"
wineserver -w
[ -f "$program/enroll-certstore.exe" ] || fail "enroll-certstore.exe not installed"
regquery /v ServerUrl | grep -q 'https://enroll.rokin.example:8443' || fail "ServerUrl not written"
regquery /v Language | grep -q 'REG_SZ *en' || fail "Language not written"
regquery /v CaBundle | grep -q 'ca.pem' || fail "CaBundle not written"
find "$WINEPREFIX/drive_c" -path "*Start Menu*" -name 'ろうきん電子証明書発行.lnk' | grep -q . || fail "no Start-menu entry ろうきん電子証明書発行"
wine "C:\\Program Files\\Rokin\\Enroll\\enroll-certstore.exe" list >/dev/null || fail "the installed tool does not run"
wine "C:\\Program Files\\Rokin\\Enroll\\enroll-certstore.exe" roots | grep -q 'Rokin Enroll Test Root' ||
    fail "the bank's root is not in LocalMachine\\Root"
[ "$(products)" = 1 ] || fail "expected one installed product"
echo "silent install with properties: ok"

wine msiexec /i "$work/new.msi" /qn SERVER_URL=https://enroll.rokin.example:8443 || fail "upgrade failed"
wineserver -w
[ "$(products)" = 1 ] || fail "the upgrade left $(products) entries"
wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
    grep -q 'DisplayVersion.*0.1.1' || fail "the upgrade did not install 0.1.1"
echo "upgrade to one entry: ok"

if wine msiexec /i "$work/old.msi" /qn; then
    fail "a downgrade was accepted"
fi
wineserver -w
[ "$(products)" = 1 ] || fail "the refused downgrade changed the installed products"
echo "downgrade refused: ok"

wine msiexec /x "$work/new.msi" /qn || fail "uninstall failed"
wineserver -w
[ ! -e "$program/enroll-certstore.exe" ] || fail "files left after uninstall"
if wine reg query 'HKLM\Software\Rokin\Enroll' >/dev/null 2>&1; then
    fail "HKLM\\Software\\Rokin\\Enroll left after uninstall"
fi
[ "$(products)" = 0 ] || fail "the product is still registered"
find "$WINEPREFIX/drive_c" -path "*Start Menu*" -name 'ろうきん電子証明書発行.lnk' | grep -q . && fail "Start-menu entry left"
echo "uninstall leaves nothing: ok"
echo "1 passed, 0 failed"
