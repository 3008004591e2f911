#!/usr/bin/env bash
# The server's DEB: built by CPack from this build, its contents and control files checked, its
# systemd unit verified, and the server installed from it (into a throwaway root) started on the
# package's configuration: refused in production mode without the bank's keys, then in development
# mode until it answers /healthz.
# Usage: test_deb.sh BUILD_DIR
set -euo pipefail
build="$1"
work=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >/dev/null
deb=$(ls "$work"/out/rokin-enroll-server_*_amd64.deb)
echo "built $(basename "$deb")"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/enroll-server ./usr/bin/enroll-admin ./etc/rokin-enroll/server.properties \
            ./usr/lib/systemd/system/rokin-enroll.service ./usr/share/doc/rokin-enroll-server/operations.md \
            ./etc/nginx/sites-available/rokin-enroll ./etc/nginx/snippets/rokin-enroll-revocation.conf \
            ./usr/share/rokin-enroll/postgres-roles.sql ./usr/share/rokin-enroll/key-permissions.sh \
            ./usr/share/rokin-enroll/prometheus/rokin-enroll-rules.yml; do
    grep -qx "$path" <<<"$contents" || fail "$path missing from the package"
done
mkdir "$work/control"
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/rokin-enroll/server.properties "$work/control/conffiles" || fail "server.properties is not a conffile"
grep -qx /etc/nginx/sites-available/rokin-enroll "$work/control/conffiles" || fail "the nginx site is not a conffile"
[ -x "$work/control/postinst" ] || fail "no postinst"
grep -q adduser "$work/control/postinst" || fail "postinst does not create the service user"
grep -q "addgroup --system rokin-enroll-front" "$work/control/postinst" || fail "postinst does not create the front's group"
grep -q "key-permissions.sh" "$work/control/postinst" || fail "postinst does not set the keys' permissions"
dpkg-deb -f "$deb" Depends | grep -q libpoconetssl || fail "Depends lacks the Poco libraries"
echo "contents and control files: ok"

dpkg-deb -x "$deb" "$work/root"
unit="$work/root/usr/lib/systemd/system/rokin-enroll.service"
for hardening in "User=rokin-enroll" "ProtectSystem=strict" "NoNewPrivileges=yes" "ReadWritePaths=/var/lib/rokin-enroll" \
    "RuntimeDirectory=rokin-enroll-front" "RuntimeDirectoryMode=0750" "SupplementaryGroups=rokin-enroll-front"; do
    grep -qx "$hardening" "$unit" || fail "unit lacks $hardening"
done
# verify a copy whose ExecStart points at the extracted binary (the real path exists only once installed)
mkdir "$work/unit"
sed "s|/usr/bin/enroll-server|$work/root/usr/bin/enroll-server|" "$unit" >"$work/unit/rokin-enroll.service"
report=$(systemd-analyze verify "$work/unit/rokin-enroll.service" 2>&1) || fail "systemd-analyze verify: $report"
[ -z "$report" ] || fail "systemd-analyze verify reported: $report"
echo "systemd-analyze verify: ok"

# docs/operations.md's key ceremony, step 2 then step 4, as written: the key the ceremony writes
# (0600 root) readable by the service's group once key-permissions.sh has run, by no other user
# (the group here: daemon, whose user stands in for the service account)
if [ "$(id -u)" -eq 0 ]; then
    chmod 0755 "$work" && mkdir -m 0755 "$work/etc"
    (
        cd "$work/etc" && umask 027
        openssl rand -base64 32 >issuing.pass
        "$work/root/usr/bin/enroll-admin" ca make-issuing --key issuing-2026.key --csr issuing-2026.csr \
            --passphrase-file issuing.pass --organization "Rokin Bank" --name "Rokin Bank Enroll Issuing CA 2026" >/dev/null
    )
    setpriv --reuid=daemon --regid=daemon --clear-groups test -r "$work/etc/issuing-2026.key" &&
        fail "the ceremony's key is readable by another user before its permissions are set"
    printf 'ca.key = %s\nca.keyPassphraseFile = %s\nca.chain = %s\n' "$work/etc/issuing-2026.key" "$work/etc/issuing.pass" \
        "pkcs11:token=x;object=y" >"$work/etc/server.properties"
    "$work/root/usr/share/rokin-enroll/key-permissions.sh" "$work/etc/server.properties" daemon >/dev/null
    for file in issuing-2026.key issuing.pass; do
        [ "$(stat -c '%U:%G %a' "$work/etc/$file")" = "root:daemon 640" ] || fail "$file: $(stat -c '%U:%G %a' "$work/etc/$file")"
        setpriv --reuid=daemon --regid=daemon --clear-groups test -r "$work/etc/$file" || fail "the service's group cannot read $file"
        setpriv --reuid=nobody --regid=nogroup --clear-groups test -r "$work/etc/$file" && fail "another user can read $file"
    done
    echo "the key ceremony's files as docs/operations.md sets them: root:<service group> 0640"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# the package's own configuration, its socket in this run's folder and nginx's user this one
sed -e "s|^server.dataDir = .*|server.dataDir = $work/data|; s|^server.port = .*|server.port = $port|" \
    -e "s|^server.forwardedListen = .*|server.forwardedListen = unix:$work/upstream.sock|" \
    -e "/^server.forwardedSocketGroup/d; s|^server.forwardedPeerUser = .*|server.forwardedPeerUser = $(id -un)|" \
    "$work/root/etc/rokin-enroll/server.properties" >"$work/server.properties"
grep -qx "server.address = 127.0.0.1" "$work/server.properties" || fail "the embedded listener is not on loopback only"
# the package's configuration names no keys: production mode refuses to start, with one line
# naming them; the packaged program has no test clock either
if "$work/root/usr/bin/enroll-server" --config "$work/server.properties" >"$work/refused.log" 2>&1; then
    fail "the packaged server started without the bank's keys"
fi
grep -q "production mode needs ca.cert, ca.key, tls.cert, tls.key, tls.chain, ca.crlUrl, ca.ocspUrl (" "$work/refused.log" ||
    fail "no clear refusal: $(cat "$work/refused.log")"
echo "production mode without keys refused: $(grep -o 'production mode needs.*' "$work/refused.log")"
printf 'server.mode = development\ntest.clockFile = %s/clock\n' "$work" >>"$work/server.properties"
if "$work/root/usr/bin/enroll-server" --config "$work/server.properties" >"$work/refused.log" 2>&1; then
    fail "the packaged server took test.clockFile"
fi
grep -q "test.clockFile is a hook of the test build" "$work/refused.log" || fail "test.clockFile: $(cat "$work/refused.log")"
sed -i '/^test.clockFile/d' "$work/server.properties"
"$work/root/usr/bin/enroll-server" --config "$work/server.properties" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    if [ -f "$work/data/ca/chain.pem" ] &&
        curl -sf --cacert "$work/data/ca/chain.pem" "https://localhost:$port/healthz" | grep -q '"mode":"development"'; then
        echo "the packaged server answers /healthz in development mode"
        # the packaged nginx site is the tested one, and nginx accepts it with real files
        site="$work/root/etc/nginx/sites-available/rokin-enroll"
        cmp -s "$site" "$(dirname "$0")/../../installer/linux/nginx/rokin-enroll.conf" || fail "the packaged nginx site differs"
        mkdir -p "$work/nginx/snippets"
        cp "$work/root/etc/nginx/snippets/rokin-enroll-revocation.conf" "$work/nginx/snippets/"
        sed -e "s|/etc/rokin-enroll/tls.crt|$work/data/ca/tls.crt|; s|/etc/rokin-enroll/tls.key|$work/data/ca/tls.key|" \
            -e "s|/var/lib/rokin-enroll/ca/client-ca.pem|$work/data/ca/client-ca.pem|" "$site" >"$work/nginx/site.conf"
        printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp { include %s/site.conf; }\n' "$work/nginx" "$work/nginx" \
            >"$work/nginx/nginx.conf"
        report=$(nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>&1) || fail "nginx -t on the packaged site: $report"
        echo "nginx -t on the packaged site: ok"
        kill -TERM "$server"
        wait "$server" || fail "the server did not stop cleanly"
        server=""
        exit 0
    fi
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; fail "the packaged server did not start"; }
    sleep 0.2
done
cat "$work/server.log"
fail "the packaged server did not answer"
