// The portable certificate store: one PKCS#12 per certificate in the user's app-data folder,
// each with its own random password in the OS keychain, and the public certificate beside it
// (PEM) so that listing needs no secret.
#pragma once

#include "store/CertificateStore.h"
#include "store/SecretVault.h"

#include <QDir>

namespace enroll::client {

class PortableCertificateStore final : public CertificateStore
{
public:
    PortableCertificateStore(QString directory, SecretVault& vault);
    StoreResult importPkcs12(const QByteArray& der, const SecureString& password) override;
    std::vector<StoredCertificate> find(const QString& issuerCommonName) override;
    bool remove(const QString& thumbprint) override;
    std::optional<ClientIdentity> identity(const QString& thumbprint) override;
    KeyCheck checkKey(const StoredCertificate& certificate) override;

private:
    QDir directory_;
    SecretVault& vault_;
};

// Certificate facts in Qt types, from PEM.
std::optional<StoredCertificate> storedCertificateFromPem(const QByteArray& pem);

} // namespace enroll::client
