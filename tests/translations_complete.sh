#!/usr/bin/env bash
# Every user-visible string of the client has a finished Japanese and English translation:
# lupdate over the sources into copies of the .ts files must leave nothing unfinished or new.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lupdate="${1:-lupdate}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root"/resources/translations/*.ts "$work/"
"$lupdate" -no-obsolete -locations none "$root/client" -ts "$work"/rokin-enroll_ja.ts "$work"/rokin-enroll_en.ts >/dev/null
status=0
for ts in "$work"/*.ts; do
    if grep -q 'type="unfinished"' "$ts"; then
        echo "unfinished translations in $(basename "$ts"):"
        grep -B2 'type="unfinished"' "$ts" | grep '<source>' | sed 's/^/  /'
        status=1
    fi
done
[ $status -eq 0 ] && echo "translations complete: ja and en"
exit $status
