#include "store/windows/WindowsCertificateStore.h"

#include "WindowsCertStore.h"
#include "crypto/ClientCrypto.h"

#include <QSslCertificate>
#include <QTimeZone>

namespace enroll::client {
namespace {

StoredCertificate stored(const winstore::Certificate& c)
{
    return StoredCertificate{QString::fromStdString(c.thumbprint),
                             QString::fromStdString(c.serial),
                             QString::fromUtf8(c.subjectCn.c_str()),
                             QString::fromUtf8(c.issuerCn.c_str()),
                             QDateTime::fromSecsSinceEpoch(c.notBefore, QTimeZone::utc()),
                             QDateTime::fromSecsSinceEpoch(c.notAfter, QTimeZone::utc()),
                             QByteArray(reinterpret_cast<const char*>(c.der.data()), static_cast<qsizetype>(c.der.size()))};
}

StoreResult::Kind kindOf(winstore::Failure failure)
{
    switch (failure) {
    case winstore::Failure::None:
        return StoreResult::Kind::Ok;
    case winstore::Failure::WrongPassword:
        return StoreResult::Kind::WrongPassword;
    case winstore::Failure::Corrupt:
        return StoreResult::Kind::Corrupt;
    case winstore::Failure::AccessDenied:
        return StoreResult::Kind::AccessDenied;
    case winstore::Failure::StoreFull:
        return StoreResult::Kind::Full;
    default:
        return StoreResult::Kind::Unavailable;
    }
}

} // namespace

StoreResult WindowsCertificateStore::importPkcs12(const QByteArray& der, const SecureString& password)
{
    // The CA certificates go to the user's CA store separately (not every Windows hands them out
    // of a PFX import).
    std::vector<std::vector<std::uint8_t>> authorities;
    try {
        const auto content = readPkcs12(der.toStdString(), password);
        for (const auto& pem : content.chainPem) {
            const auto caDer = QSslCertificate(QByteArray::fromStdString(pem)).toDer();
            authorities.emplace_back(caDer.begin(), caDer.end());
        }
    } catch (const std::exception& e) {
        return StoreResult{StoreResult::Kind::WrongPassword, {}, QString::fromUtf8(e.what())};
    }
    std::wstring widePassword = QString::fromUtf8(password.data(), static_cast<qsizetype>(password.size())).toStdWString();
    const std::vector<std::uint8_t> bytes(der.begin(), der.end());
    const auto outcome = winstore::importPkcs12(bytes, widePassword, authorities);
    return StoreResult{kindOf(outcome.failure), stored(outcome.certificate), QString::fromStdString(outcome.message)};
}

std::vector<StoredCertificate> WindowsCertificateStore::find(const QString& issuerCommonName)
{
    std::vector<StoredCertificate> out;
    for (const auto& c : winstore::find(issuerCommonName.toStdString())) {
        out.push_back(stored(c));
    }
    return out;
}

bool WindowsCertificateStore::remove(const QString& thumbprint)
{
    return winstore::remove(thumbprint.toStdString()).ok();
}

std::optional<ClientIdentity> WindowsCertificateStore::identity(const QString&)
{
    return std::nullopt; // the key is not exportable; it is used in place by the Windows transport
}

KeyCheck WindowsCertificateStore::checkKey(const StoredCertificate& certificate)
{
    KeyCheck check;
    const auto data = randomSecret();
    const std::vector<std::uint8_t> bytes(data.data(), data.data() + data.size());
    const auto signed_ = winstore::sign(certificate.thumbprint.toStdString(), bytes);
    if (signed_.failure == winstore::Failure::NotFound) {
        return check;
    }
    check.present = signed_.ok() || signed_.failure == winstore::Failure::KeyUnusable;
    check.exportable = winstore::keyExportable(certificate.thumbprint.toStdString());
    check.signs = signed_.ok() &&
                  signatureVerifies(certificate.der.toStdString(), std::string(data.data(), data.size()),
                                    std::string(signed_.data.begin(), signed_.data.end()));
    return check;
}

} // namespace enroll::client
