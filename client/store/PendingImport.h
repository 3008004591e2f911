// No certificate is lost to a closed window (SPEC §4.2): between issuance and a confirmed import
// the key and certificate wait on disk as a PKCS#12 under a random password kept in the OS
// keychain. The next start finishes the import and the confirmation, then wipes the copy.
#pragma once

#include "store/SecretVault.h"

#include <QByteArray>
#include <QDir>
#include <QString>
#include <QStringList>

#include <optional>

namespace enroll::client {

class PendingImports
{
public:
    PendingImports(QString directory, SecretVault& vault);

    struct Pending
    {
        QString serial;
        QByteArray pkcs12;
        SecureString password;
        SecureString issuanceToken; // to confirm after a restart without a client certificate
    };

    // false when either the file or the keychain entries could not be written
    bool save(const QString& serial, const QByteArray& pkcs12, const SecureString& password,
              const SecureString& issuanceToken);
    [[nodiscard]] QStringList serials() const;
    std::optional<Pending> load(const QString& serial);
    // overwrites the file before deleting it, and forgets the password
    void wipe(const QString& serial);
    // Copies an older version left in `otherDirectory` (Windows: the roaming AppData) moved here,
    // the originals overwritten and removed; the number adopted. Their secrets are the vault's.
    int adoptFrom(const QString& otherDirectory);

private:
    QDir directory_;
    SecretVault& vault_;
};

} // namespace enroll::client
