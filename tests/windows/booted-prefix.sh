#!/usr/bin/env bash
# booted-prefix.sh DEST: DEST becomes a Wine prefix ready to use, a copy of a freshly booted one kept
# per Wine version in the project's cache (scripts/lib/common.sh: enroll_cache_dir, outside the
# clone and outside /tmp). Booting a prefix takes 10–15 s, a copy about one; the tests that need
# several PCs (TestWindowsWizard) and the throwaway prefixes of run-in-wine.sh take them from here.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
export WINEDEBUG="${ENROLL_WINEDEBUG:--all}" WINEDLLOVERRIDES="mscoree,mshtml="
dest="$1"
[ ! -e "$dest" ] || { echo "booted-prefix.sh: $dest exists" >&2; exit 2; }
mkdir -p "$(enroll_cache_dir)/wine"
template="$(enroll_cache_dir)/wine/prefix-$(id -u)-$(wine --version | tr -c 'A-Za-z0-9.\n' _)"
(
    flock 9
    if [ ! -f "$template/.booted" ]; then
        rm -rf "$template"
        WINEPREFIX="$template" wineboot --init >/dev/null 2>&1
        WINEPREFIX="$template" wineserver -w
        touch "$template/.booted"
    fi
) 9>"$template.lock"
mkdir -p "$(dirname "$dest")"
cp -a "$template" "$dest"
rm -f "$dest/.booted"
