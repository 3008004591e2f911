// The client's certificate store interface: import a PKCS#12 (key not exportable where the
// platform can enforce it), find the bank's certificates of this OS user with their expiry,
// and remove one. Implementations: portable/ (files + keychain) and, on Windows, CryptoAPI.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <optional>
#include <vector>

#include "enroll/SecureString.h"

namespace enroll::client {

struct StoredCertificate
{
    QString thumbprint; // SHA-1, upper-case hex (as Windows shows it)
    QString serial;     // upper-case hex
    QString userId;     // subject CN
    QString issuer;     // issuer CN
    QDateTime notBefore;
    QDateTime notAfter;
    QByteArray der; // the certificate itself: whose it is (BankCertificates) is read from it
};

struct StoreResult
{
    enum class Kind { Ok, WrongPassword, Corrupt, AccessDenied, Full, Unavailable };
    Kind kind = Kind::Ok;
    StoredCertificate certificate;
    QString detail; // for the log
    [[nodiscard]] bool ok() const { return kind == Kind::Ok; }
};

// The key of a certificate, as the help desk asks about it (--doctor).
struct KeyCheck
{
    bool present = false;
    bool exportable = true; // where the platform can refuse export (Windows), false
    bool signs = false;     // a test signature verified with the certificate's public key
};

// What the portable transport needs for mutual TLS.
struct ClientIdentity
{
    QSslCertificate certificate;
    QSslKey key;
};

class CertificateStore
{
public:
    virtual ~CertificateStore() = default;
    virtual StoreResult importPkcs12(const QByteArray& der, const SecureString& password) = 0;
    // The certificates this store holds that were issued by `issuerCommonName` (all when empty).
    virtual std::vector<StoredCertificate> find(const QString& issuerCommonName) = 0;
    virtual bool remove(const QString& thumbprint) = 0;
    // Key and certificate for mTLS where the platform lets the client hold them (portable store).
    virtual std::optional<ClientIdentity> identity(const QString& thumbprint) = 0;
    // True where the key stays in the platform's store and is used in place (Windows: WinHTTP).
    [[nodiscard]] virtual bool keyStaysInStore() const { return false; }
    // The certificate's key: there, exportable, and signing (a test signature).
    virtual KeyCheck checkKey(const StoredCertificate& certificate) = 0;
};

} // namespace enroll::client
