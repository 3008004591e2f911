# Cross-compiling for Windows x64 with Debian's mingw-w64; tests run under Wine.
#   scripts/windows-deps.sh      # once: OpenSSL, qtbase and QtKeychain for Windows into a cache
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64.cmake
# The dependency prefix is $ENV{ENROLL_WINDOWS_DEPS}, or else the newest complete one that
# scripts/windows-deps.sh recorded in its cache (windows-deps.current): in $ENV{ENROLL_CACHE_DIR}
# when that is set (and only there), else in /var/cache/rokin-enroll or ~/.cache/rokin-enroll.
# Without one, only the Win32 certificate-store module, its tool and its tests are built.
set(ENROLL_WINDOWS_DEPS "")
if(DEFINED ENV{ENROLL_WINDOWS_DEPS})
    set(ENROLL_WINDOWS_DEPS "$ENV{ENROLL_WINDOWS_DEPS}")
else()
    if(DEFINED ENV{ENROLL_CACHE_DIR} AND NOT "$ENV{ENROLL_CACHE_DIR}" STREQUAL "")
        set(_pointers "$ENV{ENROLL_CACHE_DIR}/windows-deps.current")
    else()
        set(_pointers /var/cache/rokin-enroll/windows-deps.current "$ENV{HOME}/.cache/rokin-enroll/windows-deps.current")
    endif()
    foreach(_pointer ${_pointers})
        if(EXISTS "${_pointer}")
            file(STRINGS "${_pointer}" _prefix LIMIT_COUNT 1)
            if(_prefix AND EXISTS "${_prefix}/.complete")
                set(ENROLL_WINDOWS_DEPS "${_prefix}")
                break()
            endif()
        endif()
    endforeach()
endif()
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-base.cmake)
# add_test programs run through Wine; tests/windows/run-in-wine.sh gives each a throwaway prefix
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../../tests/windows/run-in-wine.sh)
