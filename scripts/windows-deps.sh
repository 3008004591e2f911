#!/usr/bin/env bash
# Builds the Windows client's dependencies from Debian 12's source packages with mingw-w64:
#   OpenSSL 3.0 (DLLs), qtbase 6.4.2 (Core, Gui, Widgets, Network, Test; the windows and offscreen
#   platform plugins; the Schannel and OpenSSL TLS backends) and QtKeychain (Windows credential store).
# Sources come through `apt-get source` with a private apt directory holding a deb-src entry: the
# system's apt sources are never changed. The result goes into a cache outside the clone, keyed by
# this recipe, the toolchain and the source versions; a later run with the same key reuses it.
# Idempotent; an interrupted build carries on where it stopped.
#
# Usage: scripts/windows-deps.sh            builds (or finds) the prefix; prints it on the last line
# Environment: ENROLL_WINDOWS_DEPS_CACHE    cache root (default /var/cache/rokin-enroll as root,
#                                           else ~/.cache/rokin-enroll)
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

cache_root="$(windows_deps_cache_root)"
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

key="$( { cat "${BASH_SOURCE[0]}" "$toolchain"; echo "qt6-base=$qt_version openssl=$openssl_version qtkeychain=$keychain_version mingw=$mingw_version"; } \
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

build_openssl() {
    local upstream="${openssl_version%%-*}"
    fetch "openssl=$openssl_version" "openssl_$upstream.orig.tar.gz"
    unpack "openssl_$upstream.orig.tar.gz" "openssl-$upstream"
    (
        cd "$work/openssl-$upstream"
        ./Configure mingw64 --cross-compile-prefix=x86_64-w64-mingw32- --prefix="$prefix" --libdir=lib \
            shared no-tests >/dev/null
        make -s -j "$ENROLL_JOBS" build_libs >"$work/openssl-build.log" 2>&1 || { tail -n 40 "$work/openssl-build.log"; exit 1; }
        make -s install_dev install_runtime_libs >>"$work/openssl-build.log" 2>&1
    )
    touch "$prefix/.openssl"
}

build_qtbase() {
    local src="$work/qtbase-everywhere-src-$qt_upstream"
    fetch "qt6-base=$qt_version" "qt6-base_${qt_version%-*}.orig.tar.xz"
    if [ ! -f "$work/qtbase-build/build.ninja" ]; then
        unpack "qt6-base_${qt_version%-*}.orig.tar.xz" "qtbase-everywhere-src-$qt_upstream"
        # Left out: what the client never shows (the Direct2D platform plugin, GIF/ICO, TUIO touch,
        # graphics view, MDI, calendar, colour and font dialogs and other unused widgets) and
        # HarfBuzz shaping (Japanese needs none; Latin text loses kerning): a fresh machine builds
        # the dependencies, the product and its tests within CI's hour.
        # With OpenGL off, 6.4.2 still compiles the dynamic-GL branch of the Windows platform plugin.
        sed -i 's/^#if QT_CONFIG(dynamicgl)$/#if QT_CONFIG(dynamicgl) \&\& QT_CONFIG(opengl)/' \
            "$src/src/plugins/platforms/windows/qwindowswindow.cpp"
        # Debian's dfsg tarball lacks src/3rdparty/wintab: tablet events stay off (below).
        cmake -G Ninja -S "$src" -B "$work/qtbase-build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
            -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
            -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
            -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DQT_BUILD_BENCHMARKS=OFF \
            -DFEATURE_gui=ON -DFEATURE_widgets=ON -DFEATURE_network=ON -DFEATURE_testlib=ON \
            -DFEATURE_freetype=ON -DFEATURE_schannel=ON \
            -DFEATURE_sql=OFF -DFEATURE_opengl=OFF -DFEATURE_dbus=OFF -DFEATURE_printsupport=OFF \
            -DFEATURE_concurrent=OFF -DFEATURE_xml=OFF -DFEATURE_vulkan=OFF -DFEATURE_jpeg=OFF \
            -DFEATURE_direct2d1_1=OFF -DFEATURE_gif=OFF -DFEATURE_ico=OFF -DFEATURE_tuiotouch=OFF \
            -DFEATURE_harfbuzz=OFF -DFEATURE_graphicsview=OFF -DFEATURE_mdiarea=OFF -DFEATURE_calendarwidget=OFF \
            -DFEATURE_colordialog=OFF -DFEATURE_fontdialog=OFF -DFEATURE_fontcombobox=OFF -DFEATURE_undoview=OFF \
            -DFEATURE_columnview=OFF -DFEATURE_dial=OFF -DFEATURE_lcdnumber=OFF -DFEATURE_splashscreen=OFF \
            -DFEATURE_keysequenceedit=OFF \
            -DFEATURE_openssl=ON -DFEATURE_openssl_linked=OFF -DOPENSSL_ROOT_DIR="$prefix" \
            -DFEATURE_system_zlib=OFF -DFEATURE_system_pcre2=OFF -DFEATURE_system_harfbuzz=OFF \
            -DFEATURE_system_freetype=OFF -DFEATURE_system_libpng=OFF -DFEATURE_system_jpeg=OFF \
            -DFEATURE_sql_sqlite=OFF -DFEATURE_tabletevent=OFF >"$work/qtbase-configure.log" 2>&1 \
            || { tail -n 60 "$work/qtbase-configure.log"; exit 1; }
    fi
    # Qt's own headers warn by the thousand ("redeclared without dllimport"): kept in the log
    cmake --build "$work/qtbase-build" -j "$ENROLL_JOBS" >"$work/qtbase-build.log" 2>&1 \
        || { grep -E 'error|FAILED' "$work/qtbase-build.log" | tail -n 40; exit 1; }
    # each step's duration, kept after the build tree is gone: where the time went
    mkdir -p "$cache_root/logs" && cp "$work/qtbase-build/.ninja_log" "$cache_root/logs/qtbase-$key.ninja_log"
    cmake --install "$work/qtbase-build" >/dev/null
    local need
    for need in bin/Qt6Core.dll bin/Qt6Gui.dll bin/Qt6Widgets.dll bin/Qt6Network.dll bin/Qt6Test.dll \
        plugins/platforms/qwindows.dll plugins/platforms/qoffscreen.dll \
        plugins/tls/qschannelbackend.dll plugins/tls/qopensslbackend.dll; do
        [ -f "$prefix/$need" ] || die "qtbase: $need was not built"
    done
    touch "$prefix/.qtbase"
}

build_qtkeychain() {
    fetch "qtkeychain=$keychain_version" "qtkeychain_${keychain_version%-*}.orig.tar.gz"
    unpack "qtkeychain_${keychain_version%-*}.orig.tar.gz" "qtkeychain-${keychain_version%-*}"
    local src="$work/qtkeychain-${keychain_version%-*}"
    # /utf-8 is MSVC's flag; mingw's gcc reads UTF-8 already
    sed -i 's|add_definitions( /utf-8 -DUNICODE )|add_definitions( -DUNICODE )|' "$src/qtkeychain/CMakeLists.txt"
    cmake -G Ninja -S "$src" -B "$work/qtkeychain-build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
        -DBUILD_WITH_QT6=ON -DBUILD_TRANSLATIONS=OFF -DBUILD_TEST_APPLICATION=OFF \
        -DUSE_CREDENTIAL_STORE=ON >"$work/qtkeychain.log" 2>&1 || { tail -n 40 "$work/qtkeychain.log"; exit 1; }
    cmake --build "$work/qtkeychain-build" -j "$ENROLL_JOBS" >>"$work/qtkeychain.log" 2>&1 \
        || { tail -n 40 "$work/qtkeychain.log"; exit 1; }
    cmake --install "$work/qtkeychain-build" >/dev/null
    touch "$prefix/.qtkeychain"
}

[ -f "$prefix/.openssl" ] || phase "OpenSSL $openssl_version" build_openssl
[ -f "$prefix/.qtbase" ] || phase "qtbase $qt_version (about 30 minutes on 2 cores)" build_qtbase
[ -f "$prefix/.qtkeychain" ] || phase "QtKeychain $keychain_version" build_qtkeychain

{
    echo "qt6-base=$qt_version"
    echo "openssl=$openssl_version"
    echo "qtkeychain=$keychain_version"
    echo "mingw-gcc=$mingw_version"
} >"$prefix/.complete"
printf '%s\n' "$prefix" >"$cache_root/windows-deps.current"
rm -rf "$work" # sources and build trees (several GB); the prefix is all later builds need
printf '    windows-deps: %ds in all\n' $((SECONDS - script_start))
printf '%s\n' "$prefix"
