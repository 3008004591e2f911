// The Store on Poco::Data: one implementation of every query, written once for SQLite and
// PostgreSQL (placeholders and the write-transaction statement differ per dialect).
#pragma once

#include "store/Store.h"
#include "store/migrations/Migrations.h"

#include <Poco/Data/SessionPool.h>

#include <memory>
#include <string>

namespace enroll::server {

class SqlStore final : public Store
{
public:
    // `connector` is Poco's name ("SQLite", "PostgreSQL"); runs the migrations on open.
    SqlStore(SqlDialect dialect, const std::string& connector, const std::string& connection);
    std::unique_ptr<StoreTransaction> begin(Mode mode) override;
    bool healthy() override;
    StorePoolStats poolStats() override;

private:
    void migrate();
    // A pooled connection; waits briefly when all are in use, then throws StoreBusy.
    Poco::Data::Session acquire();
    SqlDialect dialect_;
    static constexpr int kMaxConnections = 32;
    Poco::Data::SessionPool pool_;
};

} // namespace enroll::server
