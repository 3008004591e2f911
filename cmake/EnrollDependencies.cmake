# Finds the third-party packages each part needs, once, so subdirectories only link targets.
find_package(OpenSSL 3.0 REQUIRED)

if(ENROLL_BUILD_CLIENT OR ENROLL_BUILD_TESTS)
    set(_enroll_qt_components Core)
    if(ENROLL_BUILD_CLIENT)
        list(APPEND _enroll_qt_components Widgets Network LinguistTools)
    endif()
    if(ENROLL_BUILD_TESTS)
        list(APPEND _enroll_qt_components Test Network)
    endif()
    find_package(Qt6 REQUIRED COMPONENTS ${_enroll_qt_components})
endif()

if(ENROLL_BUILD_CLIENT)
    find_package(Qt6Keychain REQUIRED)
endif()

if(ENROLL_BUILD_SERVER)
    # Debian's Poco::DataPostgreSQL links PostgreSQL::client, which no config defines
    find_package(PostgreSQL REQUIRED)
    if(NOT TARGET PostgreSQL::client)
        add_library(PostgreSQL::client INTERFACE IMPORTED)
        target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
    endif()
    find_package(Poco REQUIRED COMPONENTS Foundation Util JSON Net NetSSL Crypto Data DataSQLite DataPostgreSQL)
endif()
