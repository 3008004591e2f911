#!/usr/bin/env bash
# Builds the Windows client's dependencies from Debian 12's source packages with mingw-w64:
#   OpenSSL 3.0 (DLLs), qtbase 6.4.2 (Core, Gui, Widgets, Network, Test; the windows and offscreen
#   platform plugins; the Schannel and OpenSSL TLS backends) and QtKeychain (Windows credential store).
# Sources come through `apt-get source` with a private apt directory holding a deb-src entry: the
# system's apt sources are never changed. The result goes into a cache outside the clone, keyed by
# the recipe (scripts/lib/windows-deps-recipe.sh), the toolchain and the source versions; a later run
# with the same key reuses it.
# Idempotent; an interrupted build carries on where it stopped.
#
# Usage: scripts/windows-deps.sh            builds (or finds) the prefix; prints it on the last line
# Environment: ENROLL_CACHE_DIR    the cache root (scripts/lib/common.sh: /var/cache/rokin-enroll
#                                  as root, else ~/.cache/rokin-enroll)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

script_start=$SECONDS
# phase NAME COMMAND…: runs one phase and prints its duration
phase() {
    local name="$1" start=$SECONDS
    shift
    log "windows-deps: $name"
    "$@"
    printf '    %s: %ds\n' "$name" $((SECONDS - start))
}

ensure_packages "${ENROLL_WINDOWS_DEPS_PACKAGES[@]}"

cache_root="$(enroll_cache_dir)"
mkdir -p "$cache_root"
toolchain="$ENROLL_ROOT/cmake/toolchains/mingw-w64-base.cmake"

# --- sources: a private apt directory with deb-src entries for bookworm (and trixie for QtKeychain)
apt_dir="$cache_root/apt"
apt_opts=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$apt_dir/etc"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Debug::NoLocking=1")

debian_uri() {
    # the Debian mirror this machine already uses, read at run time
    local uri
    uri="$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1)"
    [ -n "$uri" ] || uri="$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n1)"
    [ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
    printf '%s\n' "$uri"
}

update_source_lists() {
    mkdir -p "$apt_dir/etc" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    cat >"$apt_dir/etc/deb-src.sources" <<EOF
Types: deb-src
URIs: $(debian_uri)
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get "${apt_opts[@]}" update -qq
}

# newest_source PACKAGE PATTERN: the newest source version of PACKAGE matching the grep pattern
newest_source() {
    apt-cache "${apt_opts[@]}" showsrc "$1" | awk '/^Version:/{print $2}' | grep -E "$2" | sort -V | tail -n1
}

phase "source lists" update_source_lists
# qtbase must be the host Qt's own version (its moc, rcc and uic build the cross Qt and the client)
qt_version="$(dpkg-query -W -f='${Version}' qt6-base-dev)"
openssl_version="$(newest_source openssl '^3\.0\.')"
# bookworm's 0.13.2 tarball is gone from the mirror; trixie's 0.15.0 upstream tarball is there
keychain_version="$(newest_source qtkeychain '^0\.1[5-9]\.')"
[ -n "$openssl_version" ] && [ -n "$keychain_version" ] || die "source versions not found (openssl '$openssl_version', qtkeychain '$keychain_version')"
mingw_version="$(x86_64-w64-mingw32-g++-posix -dumpversion)"

key="$( { cat "$ENROLL_ROOT/scripts/lib/windows-deps-recipe.sh" "$toolchain"; echo "qt6-base=$qt_version openssl=$openssl_version qtkeychain=$keychain_version mingw=$mingw_version"; } \
    | sha256sum | cut -c1-16)"
qt_upstream="${qt_version%%+*}"
prefix="$cache_root/windows-deps-qt$qt_upstream-$key"
work="$cache_root/build-$key"
printf '    qt6-base %s, openssl %s, qtkeychain %s, mingw-w64 gcc %s\n    prefix %s\n' \
    "$qt_version" "$openssl_version" "$keychain_version" "$mingw_version" "$prefix"

if [ -f "$prefix/.complete" ]; then
    log "windows-deps: reusing $prefix"
    printf '%s\n' "$prefix" >"$cache_root/windows-deps.current"
    printf '%s\n' "$prefix"
    exit 0
fi

mkdir -p "$prefix" "$work/src"
export ENROLL_WINDOWS_DEPS="$prefix" # the toolchain file looks here for what is built so far

# fetch PACKAGE=VERSION TARBALL: downloads the source package; only the upstream tarball is needed
# (apt-get fails when the Debian part is missing from the mirror, so the file decides)
fetch() {
    local tarball="$work/src/$2"
    [ -f "$tarball" ] && return 0
    (cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only -qq "$1" >/dev/null 2>&1) || true
    [ -f "$tarball" ] || die "could not download $2 (apt-get source $1)"
}

# unpack TARBALL DIR: a fresh tree each time a component is (re)built
unpack() {
    rm -rf "${work:?}/$2"
    tar -C "$work" -xf "$work/src/$1"
}

source "$ENROLL_ROOT/scripts/lib/windows-deps-recipe.sh"

[ -f "$prefix/.openssl" ] || phase "OpenSSL $openssl_version" build_openssl
[ -f "$prefix/.qtbase" ] || phase "qtbase $qt_version (about 30 minutes on 2 cores)" build_qtbase
[ -f "$prefix/.qtkeychain" ] || phase "QtKeychain $keychain_version" build_qtkeychain

{
    echo "qt6-base=$qt_version"
    echo "openssl=$openssl_version"
    echo "qtkeychain=$keychain_version"
    echo "mingw-gcc=$mingw_version"
    echo "seconds=$((SECONDS - script_start))" # how long this build took (scripts/rehearse-fresh.sh)
} >"$prefix/.complete"
printf '%s\n' "$prefix" >"$cache_root/windows-deps.current"
rm -rf "$work" # sources and build trees (several GB); the prefix is all later builds need
printf '    windows-deps: %ds in all\n' $((SECONDS - script_start))
printf '%s\n' "$prefix"
