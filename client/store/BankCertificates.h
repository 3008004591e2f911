// Only the bank's certificates, among whatever else the user's store holds (a VPN's, another
// bank's, one with the same name and a later expiry): a CertificateStore over the platform's store
// that shows, presents and removes the bank's alone.
//  - The bank's: issued by one of the bank's issuing CAs (the issuer bundle the MSI installs,
//    its signature checked). Without a bundle (an installation of an older version): only what
//    this program imported itself, by the ledger below.
//  - Removed (a superseded or cleaned-up certificate): only one of the bank's that this program
//    imported, matched by its issuer's key identifier and its serial as recorded at import —
//    never by names the server sends.
// The ledger is a file of this PC's user (local application data).
#pragma once

#include "store/CertificateStore.h"

#include <QString>

namespace enroll::client {

class BankCertificates final : public CertificateStore
{
public:
    // `issuersPem`: the bank's issuing CA certificates (empty: none installed); `ledger`: the file
    // of what this program imported.
    BankCertificates(CertificateStore& store, QByteArray issuersPem, QString ledger);

    StoreResult importPkcs12(const QByteArray& der, const SecureString& password) override;
    std::vector<StoredCertificate> find(const QString& issuerCommonName) override;
    bool remove(const QString& thumbprint) override;
    std::optional<ClientIdentity> identity(const QString& thumbprint) override;
    [[nodiscard]] bool keyStaysInStore() const override { return store_.keyStaysInStore(); }
    KeyCheck checkKey(const StoredCertificate& certificate) override;

    // Whether `certificate` is the bank's (see above), and whether this program imported it.
    [[nodiscard]] bool isTheBanks(const StoredCertificate& certificate) const;
    [[nodiscard]] bool importedHere(const StoredCertificate& certificate) const;

private:
    [[nodiscard]] static QString ledgerKey(const StoredCertificate& certificate);
    std::optional<StoredCertificate> theBanks(const QString& thumbprint);

    CertificateStore& store_;
    QByteArray issuersPem_;
    QString ledger_;
};

// The issuer bundle's certificates as PEM text (empty when `file` is empty or unreadable).
QByteArray readIssuerBundle(const QString& file);

} // namespace enroll::client
