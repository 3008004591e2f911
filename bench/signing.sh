#!/usr/bin/env bash
# What keeping the CA's keys in a PKCS#11 token costs (issue #26): the ceremony run twice with
# enroll-admin, once into files and once into a SoftHSM2 token made here, then
# enroll-signing-bench measures client certificates issued and OCSP answers made per second with
# each key, and prints the token's figures beside the file's with their ratio. SoftHSM2 signs in
# software: a network HSM's figures are the vendor's, this shows what the server adds around them.
# Usage: bench/signing.sh BIN_DIR [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${2:-5}"
source "$here/lib/server.sh"
bench_setup signing "$1"
module=/usr/lib/softhsm/libsofthsm2.so
cd "$work"
mkdir tokens
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$work" >softhsm2.conf
export SOFTHSM2_CONF="$work/softhsm2.conf"
softhsm2-util --init-token --free --label bench --pin 24681357 --so-pin 97531864 >/dev/null
echo 24681357 >token.pin
openssl rand -base64 24 >root.pass
openssl rand -base64 24 >file.pass
token="pkcs11:token=bench;object=issuing?module-path=$module"
ocsp="pkcs11:token=bench;object=ocsp?module-path=$module"
admin=("$bin/enroll-admin" ca)
name=(--organization "Bench Bank")
"${admin[@]}" make-root --cert root.crt --key root.key --passphrase-file root.pass "${name[@]}" --name "Bench Root" >/dev/null
"${admin[@]}" make-issuing --key file.key --csr file.csr --passphrase-file file.pass "${name[@]}" --name "Bench File CA" >/dev/null
"${admin[@]}" make-issuing --key "$token" --csr token.csr --passphrase-file token.pin "${name[@]}" --name "Bench Token CA" >/dev/null
for which in file token; do
    "${admin[@]}" sign-issuing --root-cert root.crt --root-key root.key --passphrase-file root.pass \
        --csr "$which.csr" --out "$which.crt" --crl-url http://crl.bench.example/crl/root >/dev/null
done
pkcs11-tool --module "$module" --token-label bench --login --pin 24681357 --keypairgen --key-type EC:prime256v1 \
    --label ocsp --id 02 >/dev/null
"$bin/enroll-signing-bench" "$seconds" root.crt file.crt file.key file.pass token.crt "$token" token.pin "$ocsp"
