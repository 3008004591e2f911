// The client's CertificateStore on Windows: the current user's CryptoAPI store through the
// Win32 module (WindowsCertStore.h). The private key stays in Windows, not exportable: there is
// no ClientIdentity to hand out; signed-in calls use the store's key in place (Step 5 transport).
#pragma once

#include "store/CertificateStore.h"

namespace enroll::client {

class WindowsCertificateStore final : public CertificateStore
{
public:
    StoreResult importPkcs12(const QByteArray& der, const SecureString& password) override;
    std::vector<StoredCertificate> find(const QString& issuerCommonName) override;
    bool remove(const QString& thumbprint) override;
    std::optional<ClientIdentity> identity(const QString& thumbprint) override;
    [[nodiscard]] bool keyStaysInStore() const override { return true; }
    KeyCheck checkKey(const StoredCertificate& certificate) override;
};

} // namespace enroll::client
