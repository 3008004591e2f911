#!/usr/bin/env bash
# booted-prefix.sh DEST: DEST becomes a Wine prefix ready to use, a copy of a freshly booted one kept
# per Wine version in the project's cache (scripts/lib/common.sh: enroll_cache_dir, outside the
# clone and outside /tmp). Booting a prefix takes 10–15 s, a copy about one; the tests that need
# several PCs (TestWindowsWizard) and the throwaway prefixes of run-in-wine.sh take them from here.
# Its one setting: stand-ins for Windows' Japanese UI fonts (below).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"
export WINEDEBUG="${ENROLL_WINEDEBUG:--all}" WINEDLLOVERRIDES="mscoree,mshtml="
dest="$1"
[ ! -e "$dest" ] || { echo "booted-prefix.sh: $dest exists" >&2; exit 2; }
mkdir -p "$(enroll_cache_dir)/wine"
# the recipe's version (r2: the font stand-ins) and Wine's name the template
template="$(enroll_cache_dir)/wine/prefix-r2-$(id -u)-$(wine --version | tr -c 'A-Za-z0-9.\n' _)"
(
    flock 9
    if [ ! -f "$template/.booted" ]; then
        rm -rf "$template"
        WINEPREFIX="$template" wineboot --init >/dev/null 2>&1
        # Windows' Japanese UI fonts (UiFont.h: Yu Gothic UI, then Meiryo UI) are not free: Debian's
        # Noto Sans CJK JP (fonts-noto-cjk) stands in under their names, so that the wizard picks
        # its font as on a Japanese Windows PC (and the pictures show a Japanese UI font, as there)
        for family in "Yu Gothic UI" "Meiryo UI"; do
            WINEPREFIX="$template" wine reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$family" /d "Noto Sans CJK JP" /f \
                >/dev/null 2>&1
        done
        WINEPREFIX="$template" wineserver -w
        touch "$template/.booted"
    fi
) 9>"$template.lock"
mkdir -p "$(dirname "$dest")"
cp -a "$template" "$dest"
rm -f "$dest/.booted"
