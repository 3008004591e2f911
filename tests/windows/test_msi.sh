#!/usr/bin/env bash
# The MSI under Wine: built from the deployment folder and signed (osslsigncode verify), installed
# silently with the public properties (files in place, HKLM values written, nothing in
# LocalMachine\Root even when an old script still passes INSTALL_ROOT_CA=1, no custom action that
# could write one, the installed tool runs from its path; with the client: the Start-menu
# shortcut's target exists, the installed RokinEnroll.exe --check-renewal prints its line and exits
# 20, the installed wizard shows its window, screenshot kept in BUILD/screenshots/msi-installed.png;
# AUTO_RENEW: the logon task's Run entry "RokinEnroll.exe" --renew by default, and --renew answers
# without a window), upgraded by a newer version to one entry, a downgrade refused, uninstalled
# without a file, key or Run entry left; installed again with AUTO_RENEW=0: no Run entry. The
# installed program ignores --server/--ca/--dev (and says so) unless ALLOW_OVERRIDES=1; PROXY= and
# PROXY_BYPASS= land in the policy key.
# Usage: test_msi.sh BUILD_DIR (a mingw cross build); run under a display (with-display.sh)
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
source "$here/wine-lib.sh"

builder="$here/../../installer/windows/build-msi.sh"
cmake --build "$build" --target deploy >/dev/null
with_client=0
[ -f "$build/deploy/RokinEnroll.exe" ] && with_client=1
"$builder" "$build" 0.1.0 "$work/old.msi"
"$builder" "$build" 0.1.1 "$work/new.msi"
cert="${ENROLL_SIGN_CERT:-$build/throwaway-signing.crt}"
signed=("$work/old.msi" "$work/new.msi" "$build/msi-stage-0.1.0/payload/enroll-certstore.exe")
[ "$with_client" = 1 ] && signed+=("$build/msi-stage-0.1.0/payload/RokinEnroll.exe" "$build/msi-stage-0.1.0/payload/Qt6Core.dll")
for f in "${signed[@]}"; do
    osslsigncode verify -CAfile "$cert" -in "$f" 2>&1 | grep -q '^Succeeded' || fail "$f is not validly signed"
done
echo "MSI and exe signatures: ok"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" -days 30 \
    -subj "/C=JP/O=Rokin/CN=Rokin Enroll Test Root" 2>/dev/null
wineboot --init >/dev/null 2>&1 # (Wine puts per-machine shortcuts in the user's Start menu; Windows in ProgramData)
wineserver -w
program="$WINEPREFIX/drive_c/Program Files/Rokin/Enroll"
regquery() { { wine reg query 'HKLM\Software\Rokin\Enroll' "$@" 2>/dev/null || true; } | tr -d '\r'; }
# the logon task: HKLM's Run entry of --renew (empty when there is none)
runentry() { { wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Run' /v RokinEnrollRenew 2>/dev/null || true; } |
                 tr -d '\r' | grep RokinEnrollRenew || true; }
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
roots=$(wine "C:\\Program Files\\Rokin\\Enroll\\enroll-certstore.exe" roots | tr -d '\r') || fail "enroll-certstore roots failed"
[ "$(grep -c . <<<"$roots")" -gt 0 ] || fail "LocalMachine\\Root read as empty (Wine fills it with the host's roots)"
if grep -q 'Rokin Enroll Test Root' <<<"$roots"; then
    fail "the bank's certificate went into LocalMachine\\Root"
fi
if msiinfo export "$work/old.msi" CustomAction 2>/dev/null | grep -qi 'root'; then
    fail "the MSI has a custom action for a Root store"
fi
[ "$(products)" = 1 ] || fail "expected one installed product"
echo "silent install with properties: ok"

if [ "$with_client" = 1 ]; then
    lnk=$(find "$WINEPREFIX/drive_c" -path "*Start Menu*" -name 'ろうきん電子証明書発行.lnk' | head -n1)
    # the shortcut's target path, as the .lnk records it, must be the installed wizard
    target=$({ strings -a "$lnk"; strings -a -el "$lnk"; } | grep -iE '^C:\\.*\\RokinEnroll\.exe$' | head -n1 || true)
    [ -n "$target" ] || fail "the Start-menu entry does not launch RokinEnroll.exe"
    unix_target="$WINEPREFIX/drive_c/$(printf '%s' "${target#?:\\}" | tr '\\' /)"
    [ -f "$unix_target" ] || fail "the Start-menu entry's target $target does not exist"
    echo "Start-menu entry → $target (exists)"
    for need in Qt6Core.dll Qt6Widgets.dll libqt6keychain.dll libssl-3-x64.dll platforms/qwindows.dll tls/qschannelbackend.dll; do
        [ -f "$program/$need" ] || fail "$need is not installed"
    done
    check_renewal_says_missing 'C:\Program Files\Rokin\Enroll\RokinEnroll.exe'
    # AUTO_RENEW=1 by default: every user's logon starts the installed program with --renew
    runentry | grep -qF '"C:\Program Files\Rokin\Enroll\RokinEnroll.exe" --renew' ||
        fail "no Run entry for the logon task: $(runentry)"
    regquery /v AutoRenew | grep -q 'REG_SZ *1' || fail "AutoRenew not written"
    check_renewal_says_missing 'C:\Program Files\Rokin\Enroll\RokinEnroll.exe' --renew
    # the release program keeps the bank the MSI installed: --server, --ca and --dev ignored, said so
    said=$(wine 'C:\Program Files\Rokin\Enroll\RokinEnroll.exe' --renew --server https://other.example:1 \
        --ca 'Z:\tmp\other.pem' --dev 2>&1 >/dev/null | tr -d '\r' || true)
    grep -q 'ignored --server, --ca, --dev' <<<"$said" || fail "the installed program obeyed --server/--ca/--dev: $said"
    regquery /v AllowOverrides | grep -q 'REG_SZ *0' || fail "AllowOverrides=0 not written"
    echo "--server/--ca/--dev without the policy: ignored and said"
    echo "logon task (AUTO_RENEW=1): $(runentry | sed 's/^ *//')"
    wizard_window_shown 'C:\Program Files\Rokin\Enroll\RokinEnroll.exe' "$build/screenshots/msi-installed.png"
    echo "installed wizard: ok"
fi

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
# not a file of the payload left (Wine's msiexec keeps the emptied C:\Program Files\Rokin folder,
# which Windows Installer removes with the last component under it)
# (paths inside Program Files only: the prefix's own folder may be named anything, "rokin" too)
left=$(cd "$WINEPREFIX/drive_c/Program Files" && find . -ipath '*Rokin*' ! -type d 2>/dev/null || true)
[ -z "$left" ] || fail "left after uninstall: $left"
[ ! -e "$program" ] || fail "$program left after uninstall"
if wine reg query 'HKLM\Software\Rokin\Enroll' >/dev/null 2>&1; then
    fail "HKLM\\Software\\Rokin\\Enroll left after uninstall"
fi
[ "$(products)" = 0 ] || fail "the product is still registered"
find "$WINEPREFIX/drive_c" -path "*Start Menu*" -name 'ろうきん電子証明書発行.lnk' | grep -q . && fail "Start-menu entry left"
[ -z "$(runentry)" ] || fail "the logon task's Run entry is left after uninstall: $(runentry)"
echo "uninstall leaves nothing: ok"

if [ "$with_client" = 1 ]; then
    wine msiexec /i "$work/new.msi" /qn SERVER_URL=https://enroll.rokin.example:8443 CA_BUNDLE='Z:'"$work/ca.pem" AUTO_RENEW=0 \
        PROXY=proxy.corp.example:8080 PROXY_BYPASS='<local>;*.corp.example' ALLOW_OVERRIDES=1 ISSUER_BUNDLE='Z:'"$work/issuers.pem" ||
        fail "install with AUTO_RENEW=0 failed"
    wineserver -w
    [ -f "$program/RokinEnroll.exe" ] || fail "RokinEnroll.exe not installed with AUTO_RENEW=0"
    [ -z "$(runentry)" ] || fail "AUTO_RENEW=0 left a Run entry: $(runentry)"
    regquery /v AutoRenew | grep -q 'REG_SZ *0' || fail "AutoRenew=0 not written"
    regquery /v Proxy | grep -q 'REG_SZ *proxy.corp.example:8080' || fail "PROXY= not written"
    regquery /v IssuerBundle | grep -q 'issuers.pem' || fail "ISSUER_BUNDLE= not written"
    regquery /v ProxyBypass | grep -qF '<local>;*.corp.example' || fail "PROXY_BYPASS= not written"
    # ALLOW_OVERRIDES=1 (the bank's own test PCs): the options are obeyed
    said=$(wine 'C:\Program Files\Rokin\Enroll\RokinEnroll.exe' --renew --server https://other.example:1 \
        --ca 'Z:\tmp\other.pem' 2>&1 >/dev/null | tr -d '\r' || true)
    if grep -q 'ignored' <<<"$said"; then fail "ALLOW_OVERRIDES=1 and still ignored: $said"; fi
    echo "PROXY=, PROXY_BYPASS= written; ALLOW_OVERRIDES=1 obeyed"
    wine msiexec /x "$work/new.msi" /qn || fail "uninstall after AUTO_RENEW=0 failed"
    wineserver -w
    [ "$(products)" = 0 ] || fail "the product is still registered"
    echo "AUTO_RENEW=0: no logon task: ok"
fi
echo "1 passed, 0 failed"
