// Versioned schema migrations per SQL dialect: each step runs once, in order, in a transaction,
// and is recorded in schema_version.
#pragma once

#include <string>
#include <vector>

namespace enroll::server {

struct Migration
{
    int version;
    std::vector<std::string> statements;
};

enum class SqlDialect { SQLite, PostgreSQL };

const std::vector<Migration>& migrations(SqlDialect dialect);

} // namespace enroll::server
