// Where the client keeps the passwords of what it stores on disk: the OS keychain (QtKeychain:
// Secret Service on Linux, Credential Manager on Windows, Keychain on macOS). Calls wait for the
// keychain (a local event loop); they are short and happen between wizard steps.
#pragma once

#include "enroll/SecureString.h"

#include <QString>

#include <optional>

namespace enroll::client {

class SecretVault
{
public:
    virtual ~SecretVault() = default;
    virtual bool write(const QString& key, const SecureString& secret) = 0;
    virtual std::optional<SecureString> read(const QString& key) = 0;
    virtual bool remove(const QString& key) = 0;
    // the last failure, for the log and the person at the PC
    [[nodiscard]] virtual QString lastError() const = 0;
};

class KeychainVault final : public SecretVault
{
public:
    explicit KeychainVault(QString service = QStringLiteral("Rokin Enroll")) : service_(std::move(service)) {}
    bool write(const QString& key, const SecureString& secret) override;
    std::optional<SecureString> read(const QString& key) override;
    bool remove(const QString& key) override;
    [[nodiscard]] QString lastError() const override { return lastError_; }

private:
    QString service_;
    QString lastError_;
};

} // namespace enroll::client
