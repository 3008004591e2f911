# enroll_add_qtest(NAME SOURCES … LIBRARIES … LABELS … [WRAPPER script] [ARGS …]): one Qt Test
# executable, one CTest test (run through WRAPPER when given, e.g. to provide a keyring; ARGS, e.g.
# the test functions to run). In the mingw-w64 cross build CTest runs it under Wine.
function(enroll_add_qtest name)
    cmake_parse_arguments(ARG "" "WRAPPER" "SOURCES;LIBRARIES;LABELS;ARGS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    set_target_properties(${name} PROPERTIES AUTOMOC ON RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
    enroll_set_warnings(${name})
    if(CMAKE_CROSSCOMPILING AND WIN32)
        add_test(NAME ${name} COMMAND ${PROJECT_SOURCE_DIR}/tests/windows/run-qtest-in-wine.sh $<TARGET_FILE:${name}> ${ARG_ARGS})
    elseif(ARG_WRAPPER)
        add_test(NAME ${name} COMMAND ${ARG_WRAPPER} $<TARGET_FILE:${name}> ${ARG_ARGS})
    else()
        add_test(NAME ${name} COMMAND ${name} ${ARG_ARGS})
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
