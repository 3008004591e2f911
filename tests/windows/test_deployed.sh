#!/usr/bin/env bash
# The deployment folder (cmake --build BUILD --target deploy) copied somewhere clean and run under
# Wine as a PC would: every DLL that any program or plugin in it imports is there or is a Windows
# system DLL (or an API set of Windows 10); nothing for tests only rides along; --check-renewal prints its line and exits 20;
# the wizard shows its window (screenshot kept in BUILD/screenshots/deployed-start.png).
# Usage: test_deployed.sh BUILD_DIR (a mingw cross build with the client)
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
source "$here/wine-lib.sh"

cmake --build "$build" --target deploy >/dev/null
folder="$work/PC/Rokin Enroll"
mkdir -p "$work/PC"
cp -a "$build/deploy" "$folder"
wineboot --init >/dev/null 2>&1
wineserver -w
system32="$WINEPREFIX/drive_c/windows/system32"

# the import closure: every DLL named by a program or library of the folder is there or in Windows
missing=0
while IFS= read -r -d '' pe; do
    while read -r dll; do
        lower=$(printf '%s' "$dll" | tr 'A-Z' 'a-z')
        if [ -e "$folder/$dll" ] || [ -e "$system32/$lower" ] || [ -e "$system32/$dll" ]; then
            continue
        fi
        case "$lower" in
            api-ms-win-* | ext-ms-win-*) continue ;; # API sets: resolved by the loader of Windows 10 (Qt 6's minimum)
        esac
        echo "missing: ${pe#"$folder"/} imports $dll"
        missing=1
    done < <(x86_64-w64-mingw32-objdump -p "$pe" | sed -n 's/^\s*DLL Name: //p')
done < <(find "$folder" -type f \( -name '*.exe' -o -name '*.dll' \) -print0)
[ "$missing" = 0 ] || fail "the deployment folder misses DLLs"
for need in RokinEnroll.exe enroll-certstore.exe qt.conf platforms/qwindows.dll styles/qwindowsvistastyle.dll \
    tls/qschannelbackend.dll tls/qopensslbackend.dll libssl-3-x64.dll libcrypto-3-x64.dll translations/qtbase_ja.qm; do
    [ -e "$folder/$need" ] || fail "$need is not in the deployment folder"
done
for never in Qt6Test.dll platforms/qoffscreen.dll; do
    [ ! -e "$folder/$never" ] || fail "$never (tests only) is in the deployment folder"
done
echo "deployment folder: $(find "$folder" -type f | wc -l) files, $(du -sh "$folder" | cut -f1), import closure complete"

exe="Z:${folder//\//\\}\\RokinEnroll.exe"
check_renewal_says_missing "$exe"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" -days 30 \
    -subj "/C=JP/O=Rokin/CN=Rokin Enroll Test CA" 2>/dev/null
# a bank's test PC: the administrator's policy lets the release program take --server and --ca
wine reg add 'HKLM\Software\Rokin\Enroll' /v AllowOverrides /t REG_SZ /d 1 /f >/dev/null 2>&1 || fail "policy not written"
wizard_window_shown "$exe" "$build/screenshots/deployed-start.png" --server https://127.0.0.1:9 --ca "Z:$work/ca.pem"
echo "1 passed, 0 failed"
