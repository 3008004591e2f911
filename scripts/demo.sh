#!/usr/bin/env bash
# Runs the product on its embedded default: installs what is missing, builds in build/, starts
# enroll-server on demo-data/ (SQLite, development CA, mail in an outbox folder) with a demo
# contract, and walks the master user's enrollment through the real API. The desktop wizard
# (client/) takes over this walk-through when it lands; until then curl and openssl play the PC.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_packages "${ENROLL_BUILD_PACKAGES[@]}" curl python3

build="$ENROLL_ROOT/build"
log "building in $build"
configure_and_build "$build" -DENROLL_BUILD_TESTS=OFF

data="${ENROLL_DEMO_DIR:-$ENROLL_ROOT/demo-data}"
port="${ENROLL_DEMO_PORT:-8443}"
contract=12345678
initial='Demo1!aB'
mkdir -p "$data"

log "starting enroll-server on https://localhost:$port (data in $data)"
"$build/bin/enroll-server" --data-dir "$data" --port "$port" >"$data/server.log" 2>&1 &
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
fi

cat <<MSG

  Demo contract   契約番号 $contract / 初期パスワード $initial
  Server          https://localhost:$port  (CA for clients: $data/ca/chain.pem)
  Mails           $data/outbox/  (one .eml per message)
  Admin           $build/bin/enroll-admin --data-dir $data contract list

MSG

api() { # api METHOD PATH [JSON] [extra curl args…]
    local method="$1" path="$2" body="${3:-}"
    shift 3 || shift $#
    curl -sS --cacert "$data/ca/chain.pem" -X "$method" -H 'Content-Type: application/json' \
        ${body:+--data-binary "$body"} "$@" "https://localhost:$port$path"
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

user="demo$(date +%H%M%S)"
password='Pass1!ab'
email="$user@example.co.jp"
if admin user list --contract "$contract" | grep -q master; then
    log "the demo contract has a master already: resetting it for a fresh walk-through"
    admin contract reset-master "$contract" >/dev/null
fi

log "① 初期登録ログイン (contract login)"
token=$(api POST /api/v1/contract/login "{\"contractNumber\":\"$contract\",\"initialPassword\":\"$initial\"}" | field registrationToken)
log "② 登録内容入力 → 登録結果 (register master $user)"
api POST /api/v1/master/register \
    "{\"userId\":\"$user\",\"password\":\"$password\",\"userName\":\"労金　太郎\",\"email\":\"$email\"}" \
    -H "Authorization: Bearer $token"
echo
log "③ ユーザー認証 (a one-time code is mailed)"
enrollment=$(api POST /api/v1/enrollment/authenticate "{\"userId\":\"$user\",\"password\":\"$password\"}" | field enrollmentId)
mail=$(ls -t "$data"/outbox/*-code-*.eml | head -1)
code=$(python3 -c 'import email,re,sys; m=email.message_from_file(open(sys.argv[1])); print(re.search(r"(\d{6})", m.get_payload(decode=True).decode()).group(1))' "$mail")
echo "    code $code read from $mail"
log "④ 認証コード入力"
issuance=$(api POST /api/v1/enrollment/verify "{\"enrollmentId\":\"$enrollment\",\"code\":\"$code\"}" | field issuanceToken)
log "⑤ 発行: key pair made here (RSA 2048), CSR signed by the bank"
out="$data/demo-$user"
mkdir -p "$out"
openssl req -new -newkey rsa:2048 -nodes -keyout "$out/key.pem" -subj "/CN=$user" -out "$out/req.csr" 2>/dev/null
csr=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$out/req.csr")
api POST /api/v1/enrollment/issue "{\"csr\":$csr}" -H "Authorization: Bearer $issuance" >"$out/issued.json"
field certificate <"$out/issued.json" >"$out/cert.pem"
serial=$(field serial <"$out/issued.json")
openssl x509 -in "$out/cert.pem" -noout -subject -serial -dates
log "⑥ インポート確認 (confirm), then signed in with the certificate (mTLS)"
api POST /api/v1/enrollment/confirm "{\"serial\":\"$serial\"}" -H "Authorization: Bearer $issuance" -w '    confirm: HTTP %{http_code}\n'
api GET /api/v1/me "" --cert "$out/cert.pem" --key "$out/key.pem"
echo
echo
echo "  Certificate and key of this walk-through: $out/"
echo "  Coming next through this same command: the desktop wizard (client/) against this server."

if [ -t 0 ]; then
    log "the server keeps running; press Ctrl+C to stop it"
    wait "$server"
fi
