# What RokinEnroll.exe needs beside it on a Windows PC, in one list (mingw-w64 cross build with the
# dependencies of scripts/windows-deps.sh):
#   - the Qt DLLs, QtKeychain, OpenSSL 3 and the mingw-w64 runtime, next to the exe;
#   - the plugins in their folders: platforms/qwindows.dll, styles/qwindowsvistastyle.dll,
#     tls/ (Schannel, OpenSSL, certificate-only);
#   - Qt's own Japanese strings (standard buttons) in translations/, and a qt.conf that points
#     Qt at this folder.
# enroll_windows_runtime(): the install rules of the deployment folder (component "client":
#   cmake --install BUILD --component client --prefix DIR), and the target enroll_windows_runtime
#   that puts the same files, plus what the tests need (Qt6Test, the offscreen platform), next to
#   the build tree's programs in bin/ and tests/ so that they run under Wine as they are.

function(_enroll_find_runtime_file out name)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${name}
                    OUTPUT_VARIABLE _path OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT IS_ABSOLUTE "${_path}" OR NOT EXISTS "${_path}")
        find_file(_path_${name} ${name} PATHS /usr/x86_64-w64-mingw32/lib /usr/x86_64-w64-mingw32/bin
                  NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
        set(_path "${_path_${name}}")
    endif()
    if(NOT EXISTS "${_path}")
        message(FATAL_ERROR "mingw-w64 runtime ${name} not found")
    endif()
    set(${out} "${_path}" PARENT_SCOPE)
endfunction()

function(enroll_windows_runtime)
    get_filename_component(_deps "${OPENSSL_INCLUDE_DIR}/.." ABSOLUTE)
    set(_dlls
        $<TARGET_FILE:Qt6::Core> $<TARGET_FILE:Qt6::Gui> $<TARGET_FILE:Qt6::Widgets> $<TARGET_FILE:Qt6::Network>
        $<TARGET_FILE:Qt6Keychain::Qt6Keychain>
        ${_deps}/bin/libcrypto-3-x64.dll ${_deps}/bin/libssl-3-x64.dll)
    foreach(_name libstdc++-6.dll libgcc_s_seh-1.dll libwinpthread-1.dll)
        _enroll_find_runtime_file(_path ${_name})
        list(APPEND _dlls "${_path}")
    endforeach()
    set(_plugins platforms/qwindows.dll styles/qwindowsvistastyle.dll
        tls/qschannelbackend.dll tls/qopensslbackend.dll tls/qcertonlybackend.dll)
    foreach(_plugin ${_plugins})
        if(NOT EXISTS "${_deps}/plugins/${_plugin}")
            message(FATAL_ERROR "Qt plugin ${_plugin} not in ${_deps}/plugins (scripts/windows-deps.sh)")
        endif()
    endforeach()
    find_file(ENROLL_QTBASE_JA_QM qtbase_ja.qm PATHS /usr/share/qt6/translations NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
    if(NOT ENROLL_QTBASE_JA_QM)
        message(FATAL_ERROR "qtbase_ja.qm not found (Debian package qt6-translations-l10n)")
    endif()
    set(_qtconf "${PROJECT_BINARY_DIR}/qt.conf")
    file(WRITE "${_qtconf}" "[Paths]\nPrefix = .\nPlugins = .\nTranslations = translations\n")

    # --- the deployment folder (and so the MSI's payload)
    install(TARGETS rokin-enroll enroll-certstore RUNTIME DESTINATION . COMPONENT client)
    install(FILES ${_dlls} "${_qtconf}" DESTINATION . COMPONENT client)
    foreach(_plugin ${_plugins})
        get_filename_component(_dir ${_plugin} DIRECTORY)
        install(FILES "${_deps}/plugins/${_plugin}" DESTINATION ${_dir} COMPONENT client)
    endforeach()
    install(FILES "${ENROLL_QTBASE_JA_QM}" DESTINATION translations COMPONENT client)
    # debug sections are of no use on a PC (68 MB → about 30 MB)
    install(CODE "file(GLOB_RECURSE _pe \"\${CMAKE_INSTALL_PREFIX}/*.dll\" \"\${CMAKE_INSTALL_PREFIX}/*.exe\")
        foreach(_f \${_pe})
            execute_process(COMMAND ${CMAKE_STRIP} --strip-unneeded \"\${_f}\" RESULT_VARIABLE _rc)
            if(NOT _rc EQUAL 0)
                message(FATAL_ERROR \"strip failed on \${_f}\")
            endif()
        endforeach()" COMPONENT client)

    # --- the build tree: every program in bin/ and tests/ runs under Wine as it is
    set(_commands)
    foreach(_dir "${PROJECT_BINARY_DIR}/bin" "${PROJECT_BINARY_DIR}/tests")
        list(APPEND _commands
            COMMAND ${CMAKE_COMMAND} -E make_directory ${_dir}/platforms ${_dir}/styles ${_dir}/tls ${_dir}/translations
            COMMAND ${CMAKE_COMMAND} -E copy_if_different ${_dlls} $<TARGET_FILE:Qt6::Test> "${_qtconf}" ${_dir}
            COMMAND ${CMAKE_COMMAND} -E copy_if_different "${ENROLL_QTBASE_JA_QM}" ${_dir}/translations)
        foreach(_plugin ${_plugins} platforms/qoffscreen.dll)
            get_filename_component(_sub ${_plugin} DIRECTORY)
            list(APPEND _commands COMMAND ${CMAKE_COMMAND} -E copy_if_different "${_deps}/plugins/${_plugin}" ${_dir}/${_sub})
        endforeach()
    endforeach()
    add_custom_target(enroll_windows_runtime ALL ${_commands}
        COMMENT "Qt, OpenSSL, QtKeychain and the mingw-w64 runtime next to the build tree's programs" VERBATIM)
endfunction()
