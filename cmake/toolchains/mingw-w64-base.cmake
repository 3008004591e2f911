# The compilers and search paths of a mingw-w64 (posix threads) build for Windows x64, with the
# dependency prefix ENROLL_WINDOWS_DEPS (a variable, else the environment) when there is one.
# scripts/windows-deps.sh builds Qt, OpenSSL and QtKeychain with this file alone (it is part of
# that cache's key); the project uses mingw-w64.cmake, which finds the cache and includes this.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

if(NOT ENROLL_WINDOWS_DEPS AND DEFINED ENV{ENROLL_WINDOWS_DEPS})
    set(ENROLL_WINDOWS_DEPS "$ENV{ENROLL_WINDOWS_DEPS}")
endif()
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${ENROLL_WINDOWS_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
if(ENROLL_WINDOWS_DEPS)
    list(APPEND CMAKE_PREFIX_PATH "${ENROLL_WINDOWS_DEPS}")
    set(OPENSSL_ROOT_DIR "${ENROLL_WINDOWS_DEPS}")
    # moc, rcc, uic, lupdate and lrelease come from the host's Qt of the same version
    set(QT_HOST_PATH /usr)
    set(QT_HOST_PATH_CMAKE_DIR /usr/lib/x86_64-linux-gnu/cmake)
endif()
