#!/usr/bin/env bash
# Builds the signed MSI from a Windows build directory's deploy/ folder: signs the payload, runs wixl, makes the
# public properties secure, signs the MSI. The signing certificate and key come from
# ENROLL_SIGN_CERT / ENROLL_SIGN_KEY (PEM); without them a throwaway one is made (test builds).
# Usage: build-msi.sh BUILD_DIR VERSION OUTPUT.msi
set -euo pipefail
build=$(cd "$1" && pwd)
version="$2"
output="$3"
here=$(cd "$(dirname "$0")" && pwd)
stage="$build/msi-stage-$version"
rm -rf "$stage"
mkdir -p "$stage"

cert="${ENROLL_SIGN_CERT:-}"
key="${ENROLL_SIGN_KEY:-}"
if [ -z "$cert" ] || [ -z "$key" ]; then
    cert="$build/throwaway-signing.crt"
    key="$build/throwaway-signing.key"
    if [ ! -f "$cert" ]; then
        echo "build-msi: no ENROLL_SIGN_CERT/ENROLL_SIGN_KEY: signing with a throwaway certificate" >&2
        openssl req -x509 -newkey rsa:3072 -nodes -keyout "$key" -out "$cert" -days 30 \
            -subj "/C=JP/O=Rokin (test build)/CN=Rokin Enroll test code signing" \
            -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=critical,digitalSignature" 2>/dev/null
    fi
fi
sign() { # sign IN OUT
    osslsigncode sign -certs "$cert" -key "$key" -n "Rokin Enroll" -h sha256 -in "$1" -out "$2" >/dev/null
}

# the payload: the deployment folder (cmake --build BUILD --target deploy), every program and
# library in it signed
payload="$build/deploy"
[ -f "$payload/enroll-certstore.exe" ] || { echo "build-msi: $payload has no enroll-certstore.exe (build the deploy target)" >&2; exit 1; }
(cd "$payload" && find . -type f | sort) | while read -r file; do
    mkdir -p "$stage/payload/$(dirname "$file")"
    case "$file" in
        *.exe | *.dll) sign "$payload/$file" "$stage/payload/$file" ;;
        *) cp "$payload/$file" "$stage/payload/$file" ;;
    esac
done
shortcut=enroll-certstore.exe
with_client=0
if [ -f "$stage/payload/RokinEnroll.exe" ]; then # the wizard and its runtime
    shortcut=RokinEnroll.exe
    with_client=1
fi
# everything but the two programs the main .wxs names itself, as one component group
(cd "$stage" && find payload -type f ! -name enroll-certstore.exe ! -name RokinEnroll.exe | sort |
    wixl-heat --prefix payload/ --directory-ref INSTALLDIR --component-group Runtime --var var.PayloadDir --win64 \
    >runtime.wxs)

# wixl wants relative source paths: run it in the stage
wxs=$(realpath --relative-to="$stage" "$here/RokinEnroll.wxs")
(cd "$stage" && wixl -a x64 -D Version="$version" -D ShortcutTarget="$shortcut" -D WithClient="$with_client" \
    -D PayloadDir=payload -D Win64=yes -o unsigned.msi "$wxs" runtime.wxs 2> >(grep -v 'GLib-GObject-WARNING' >&2))
# wixl ignores Secure="yes": the public properties must pass into the elevated install
msibuild "$stage/unsigned.msi" -q "UPDATE \`Property\` SET \`Value\`='WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED;SERVER_URL;CA_BUNDLE;ISSUER_BUNDLE;LANGUAGE;AUTO_RENEW;PROXY;PROXY_BYPASS;ALLOW_OVERRIDES' WHERE \`Property\`='SecureCustomProperties'"
# the logon task only with AUTO_RENEW=1 (wixl 0.101 writes no component conditions)
if [ "$with_client" = 1 ]; then
    msibuild "$stage/unsigned.msi" -q "UPDATE \`Component\` SET \`Condition\`='AUTO_RENEW=\"1\"' WHERE \`Component\`='LogonRenewal'"
fi
# wixl drops non-ASCII strings: the database becomes Shift_JIS (932) and the Start-menu entry
# gets its Japanese name afterwards
printf '\r\n\r\n932\t_ForceCodepage\r\n' >"$stage/_ForceCodepage.idt"
msibuild "$stage/unsigned.msi" -i "$stage/_ForceCodepage.idt"
msibuild "$stage/unsigned.msi" -q "UPDATE \`Shortcut\` SET \`Name\`='ROKINENR|ろうきん電子証明書発行', \`Description\`='ろうきん賃金控除事務支援システム 電子証明書発行' WHERE \`Shortcut\`='StartMenuEntry'"
# and remove HKLM\Software\Rokin\Enroll itself on uninstall ('*': created with the component,
# deleted with it; wixl has no createAndRemoveOnUninstall)
msibuild "$stage/unsigned.msi" -q "INSERT INTO \`Registry\` (\`Registry\`, \`Root\`, \`Key\`, \`Name\`, \`Component_\`) VALUES ('regEnrollKey', 2, 'Software\\Rokin\\Enroll', '*', 'Settings')"
rm -f "$output"
sign "$stage/unsigned.msi" "$output"
echo "built $output ($version, signed by $(openssl x509 -in "$cert" -noout -subject))"
