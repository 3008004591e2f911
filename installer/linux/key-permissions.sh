#!/bin/sh
# The files of secrets the server reads (its CA key and passphrase or PIN, the TLS key, the OCSP
# signer's key, the SMTP password, the code key), as named in its configuration: owned by root,
# readable by the service's group, by no one else (0640). Run by the package's postinst, and by
# the operator after the key ceremony (docs/operations.md, step 2): the ceremony writes keys 0600
# root, which the service could not read.
# Usage: key-permissions.sh [CONFIG [GROUP]]   (defaults: /etc/rokin-enroll/server.properties, rokin-enroll)
set -e
config="${1:-/etc/rokin-enroll/server.properties}"
group="${2:-rokin-enroll}"
[ -f "$config" ] || exit 0
grep -E '^[[:space:]]*(ca\.key|ca\.keyPassphraseFile|ca\.previous\.key|ca\.previous\.keyPassphraseFile|tls\.key|ocsp\.signerKey|ocsp\.signerKeyPassphraseFile|smtp\.passwordFile|code\.keyFile)[[:space:]]*[=:]' "$config" |
    sed -E 's/^[^=:]*[=:][[:space:]]*//; s/[[:space:]]+$//' |
    while IFS= read -r file; do
        case "$file" in
        pkcs11:* | credential:* | "") continue ;; # in a token, or handed over by systemd
        esac
        if [ -f "$file" ]; then
            chown "root:$group" "$file"
            chmod 0640 "$file"
            echo "key-permissions: $file root:$group 0640"
        fi
    done
