# Sourced by demo.sh and test.sh: the package list and the helpers both need, in one place.
# shellcheck shell=bash

ENROLL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ENROLL_JOBS="${ENROLL_JOBS:-2}" # the machines here have 2 cores

# Debian 12 packages to build and test everything that builds on Linux.
ENROLL_BUILD_PACKAGES=(
    cmake g++ make pkg-config ccache
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev
    libssl-dev openssl libp11-dev libp11-kit-dev
    libpoco-dev libsqlite3-dev libpq-dev libsodium-dev
)
# The Windows parts cross-built with mingw-w64 and tested under Wine (64-bit only).
ENROLL_WINDOWS_PACKAGES=(g++-mingw-w64-x86-64-posix wine wine64 wixl msitools osslsigncode)
# scripts/windows-deps.sh: OpenSSL, qtbase and QtKeychain for Windows from Debian's sources, built
# with the host Qt's tools (same version); and what the cross build of the client then needs from
# the host: moc/rcc/uic, lrelease, Qt's Japanese strings, wixl and the signing tools for the MSI.
ENROLL_WINDOWS_DEPS_PACKAGES=(g++-mingw-w64-x86-64-posix cmake ninja-build make perl xz-utils
    debian-archive-keyring qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n wixl msitools osslsigncode openssl)
# What the tests drive the product with: independent HTTP/TLS clients, a real SMTP server.
# The GUI tests: a session bus and a real Secret Service (gnome-keyring) for QtKeychain, Xvfb and a
# CJK font for screenshots.
# The Windows wizard under Wine: its window found (xdotool) and photographed (imagemagick).
# The fuzzers: clang and its libFuzzer runtime. The CA key in a token: SoftHSM2 and pkcs11-tool (opensc).
# Monitoring: Prometheus and promtool. EST: strongSwan's pki --est, a client we did not write (its HTTP is
# the curl plugin in libstrongswan-extra-plugins).
ENROLL_TEST_PACKAGES=(curl sqlite3 python3 python3-aiosmtpd dbus gnome-keyring xvfb xauth fonts-noto-cjk systemd postgresql
    xdotool imagemagick binutils-mingw-w64-x86-64 nginx clang libclang-rt-14-dev softhsm2 opensc squid-openssl prometheus
    strongswan-pki libstrongswan-extra-plugins)

# The root of every cache the scripts and tests keep outside the clone and outside /tmp: the Windows
# dependencies (windows-deps-*), the compiler cache (ccache/), the booted Wine prefix (wine/), the
# private apt lists for source packages (apt/) and the build logs (logs/). ENROLL_CACHE_DIR moves
# it (scripts/rehearse-fresh.sh points it at an empty folder: a new machine's run); otherwise
# /var/cache/rokin-enroll as root, ~/.cache/rokin-enroll for anyone else.
enroll_cache_dir() {
    if [ -n "${ENROLL_CACHE_DIR:-}" ]; then
        printf '%s\n' "$ENROLL_CACHE_DIR"
    elif [ "$(id -u)" -eq 0 ]; then
        printf '%s\n' /var/cache/rokin-enroll
    else
        printf '%s\n' "${HOME}/.cache/rokin-enroll"
    fi
}

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the named Debian packages that are missing; does nothing when all are present.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The project's own compiles go through ccache, its cache beside the Windows dependencies (outside
# any clone, in enroll_cache_dir), so that a later run on the same machine compiles only what changed. Paths stay
# absolute in its key: a clone at another path misses (and never takes an object made elsewhere).
# Call after ensure_packages; sets ENROLL_COMPILER_CACHE to the CMake arguments (empty without ccache).
ENROLL_COMPILER_CACHE=()
use_compiler_cache() {
    command -v ccache >/dev/null || return 0
    export CCACHE_DIR="$(enroll_cache_dir)/ccache"
    mkdir -p "$CCACHE_DIR"
    ENROLL_COMPILER_CACHE=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
}

# configure_and_build BUILD_DIR [cmake args…]
configure_and_build() {
    local dir="$1"
    shift
    cmake -S "$ENROLL_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${ENROLL_COMPILER_CACHE[@]}" "$@"
    cmake --build "$dir" -j "$ENROLL_JOBS"
}
