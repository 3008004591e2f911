#include "store/portable/PortableCertificateStore.h"

#include "crypto/ClientCrypto.h"

#include <QFile>
#include <QSaveFile>
#include <QTimeZone>

namespace enroll::client {
namespace {

QString keychainKey(const QString& thumbprint)
{
    return QStringLiteral("certificate/") + thumbprint;
}

bool writeAtomically(const QString& path, const QByteArray& data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(data);
    return file.commit();
}

} // namespace

std::optional<StoredCertificate> storedCertificateFromPem(const QByteArray& pem)
{
    try {
        const auto facts = certificateFacts(pem.toStdString());
        return StoredCertificate{QString::fromStdString(facts.thumbprint),
                                 QString::fromStdString(facts.serial),
                                 QString::fromStdString(facts.commonName),
                                 QString::fromStdString(facts.issuer),
                                 QDateTime::fromSecsSinceEpoch(facts.notBefore, QTimeZone::utc()),
                                 QDateTime::fromSecsSinceEpoch(facts.notAfter, QTimeZone::utc()),
                                 QSslCertificate(pem, QSsl::Pem).toDer()};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

PortableCertificateStore::PortableCertificateStore(QString directory, SecretVault& vault)
    : directory_(std::move(directory)), vault_(vault)
{
    directory_.mkpath(QStringLiteral("."));
}

StoreResult PortableCertificateStore::importPkcs12(const QByteArray& der, const SecureString& password)
{
    StoreResult result;
    Pkcs12Content content;
    try {
        content = readPkcs12(der.toStdString(), password);
    } catch (const std::exception& e) {
        result.kind = StoreResult::Kind::WrongPassword; // OpenSSL cannot tell the two apart reliably
        result.detail = QString::fromUtf8(e.what());
        return result;
    }
    const auto stored = storedCertificateFromPem(QByteArray::fromStdString(content.certificatePem));
    if (!stored) {
        result.kind = StoreResult::Kind::Corrupt;
        return result;
    }
    // re-encrypted under a fresh secret of the store's own
    const auto secret = randomSecret();
    std::string p12;
    try {
        p12 = buildPkcs12({std::string(content.privateKeyPem.view()), content.certificatePem, content.chainPem,
                           stored->userId.toStdString()},
                          secret, Pkcs12Encoding::Aes256Sha256);
    } catch (const std::exception& e) {
        result.kind = StoreResult::Kind::Corrupt;
        result.detail = QString::fromUtf8(e.what());
        return result;
    }
    if (!vault_.write(keychainKey(stored->thumbprint), secret)) {
        result.kind = StoreResult::Kind::Unavailable;
        result.detail = vault_.lastError();
        return result;
    }
    const auto base = directory_.filePath(stored->thumbprint);
    if (!writeAtomically(base + QStringLiteral(".p12"), QByteArray::fromStdString(p12)) ||
        !writeAtomically(base + QStringLiteral(".crt"), QByteArray::fromStdString(content.certificatePem))) {
        vault_.remove(keychainKey(stored->thumbprint));
        result.kind = StoreResult::Kind::AccessDenied;
        result.detail = QStringLiteral("cannot write to ") + directory_.path();
        return result;
    }
    result.certificate = *stored;
    return result;
}

std::vector<StoredCertificate> PortableCertificateStore::find(const QString& issuerCommonName)
{
    std::vector<StoredCertificate> found;
    for (const auto& name : directory_.entryList({QStringLiteral("*.crt")}, QDir::Files, QDir::Name)) {
        QFile file(directory_.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        auto stored = storedCertificateFromPem(file.readAll());
        if (stored && QFile::exists(directory_.filePath(stored->thumbprint + QStringLiteral(".p12"))) &&
            (issuerCommonName.isEmpty() || stored->issuer == issuerCommonName)) {
            found.push_back(*stored);
        }
    }
    return found;
}

bool PortableCertificateStore::remove(const QString& thumbprint)
{
    const auto base = directory_.filePath(thumbprint);
    bool ok = true;
    for (const auto* suffix : {".p12", ".crt"}) {
        const auto path = base + QLatin1String(suffix);
        if (QFile::exists(path)) {
            ok = QFile::remove(path) && ok;
        }
    }
    return vault_.remove(keychainKey(thumbprint)) && ok;
}

std::optional<ClientIdentity> PortableCertificateStore::identity(const QString& thumbprint)
{
    QFile file(directory_.filePath(thumbprint + QStringLiteral(".p12")));
    const auto secret = vault_.read(keychainKey(thumbprint));
    if (!secret || !file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    try {
        const auto content = readPkcs12(file.readAll().toStdString(), *secret);
        const QByteArray keyPem(content.privateKeyPem.data(), static_cast<qsizetype>(content.privateKeyPem.size()));
        QSslKey key(keyPem, keyPem.contains("EC PRIVATE") ? QSsl::Ec : QSsl::Rsa);
        if (key.isNull()) {
            key = QSslKey(keyPem, QSsl::Ec);
        }
        return ClientIdentity{QSslCertificate(QByteArray::fromStdString(content.certificatePem)), key};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

KeyCheck PortableCertificateStore::checkKey(const StoredCertificate& certificate)
{
    KeyCheck check; // a file and the keychain: the key can always be read out (development only)
    const auto held = identity(certificate.thumbprint);
    if (!held || held->key.isNull()) {
        return check;
    }
    check.present = true;
    const auto data = randomSecret();
    const std::string text(data.data(), data.size());
    auto pem = held->key.toPem();
    check.signs = signatureVerifies(certificate.der.toStdString(), text, signWith(pem.toStdString(), text));
    pem.fill('\0');
    return check;
}

} // namespace enroll::client
