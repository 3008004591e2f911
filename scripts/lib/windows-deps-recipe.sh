# Sourced by scripts/windows-deps.sh: the recipe of the Windows dependencies, one function per
# component. This file (with the toolchain file and the source versions) is the cache's key: change
# it and the next run builds the dependencies afresh; the driver around it (where the cache is, how
# sources are fetched) can change without that. Uses the driver's fetch, unpack, $work, $prefix,
# $cache_root, $key, the versions and $toolchain.
# shellcheck shell=bash

build_openssl() {
    local upstream="${openssl_version%%-*}"
    fetch "openssl=$openssl_version" "openssl_$upstream.orig.tar.gz"
    unpack "openssl_$upstream.orig.tar.gz" "openssl-$upstream"
    (
        cd "$work/openssl-$upstream"
        ./Configure mingw64 --cross-compile-prefix=x86_64-w64-mingw32- --prefix="$prefix" --libdir=lib \
            shared no-tests >/dev/null
        # Only the DLLs and their import libraries: `LIBS=` leaves out the static libcrypto.a and
        # libssl.a, whose objects OpenSSL compiles a second time (the client and Qt link the DLLs).
        local dll_only=(LIBS= INSTALL_LIBS=)
        make -s -j "$ENROLL_JOBS" "${dll_only[@]}" build_libs >"$work/openssl-build.log" 2>&1 \
            || { tail -n 40 "$work/openssl-build.log"; exit 1; }
        make -s "${dll_only[@]}" install_dev install_runtime_libs >>"$work/openssl-build.log" 2>&1
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
