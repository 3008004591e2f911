#include "store/BankCertificates.h"

#include "crypto/ClientCrypto.h"

#include <QFile>
#include <QSettings>

namespace enroll::client {

BankCertificates::BankCertificates(CertificateStore& store, QByteArray issuersPem, QString ledger)
    : store_(store), issuersPem_(std::move(issuersPem)), ledger_(std::move(ledger))
{
}

QString BankCertificates::ledgerKey(const StoredCertificate& certificate)
{
    const auto keyId = authorityKeyId(certificate.der.toStdString());
    if (keyId.empty() || certificate.serial.isEmpty()) {
        return {};
    }
    return QStringLiteral("imported/%1-%2").arg(QString::fromStdString(keyId), certificate.serial.toUpper());
}

bool BankCertificates::importedHere(const StoredCertificate& certificate) const
{
    const auto key = ledgerKey(certificate);
    return !key.isEmpty() && QSettings(ledger_, QSettings::IniFormat).contains(key);
}

bool BankCertificates::isTheBanks(const StoredCertificate& certificate) const
{
    if (issuersPem_.isEmpty()) {
        return importedHere(certificate);
    }
    return issuedByOneOf(certificate.der.toStdString(), issuersPem_.toStdString());
}

StoreResult BankCertificates::importPkcs12(const QByteArray& der, const SecureString& password)
{
    auto result = store_.importPkcs12(der, password);
    if (result.ok()) {
        if (const auto key = ledgerKey(result.certificate); !key.isEmpty()) {
            QSettings ledger(ledger_, QSettings::IniFormat);
            ledger.setValue(key, result.certificate.userId);
            ledger.sync();
        }
    }
    return result;
}

std::vector<StoredCertificate> BankCertificates::find(const QString& issuerCommonName)
{
    std::vector<StoredCertificate> out;
    for (auto& certificate : store_.find(issuerCommonName)) {
        if (isTheBanks(certificate)) {
            out.push_back(std::move(certificate));
        }
    }
    return out;
}

std::optional<StoredCertificate> BankCertificates::theBanks(const QString& thumbprint)
{
    for (auto& certificate : find({})) {
        if (certificate.thumbprint.compare(thumbprint, Qt::CaseInsensitive) == 0) {
            return std::move(certificate);
        }
    }
    return std::nullopt;
}

bool BankCertificates::remove(const QString& thumbprint)
{
    const auto certificate = theBanks(thumbprint);
    if (!certificate || !importedHere(*certificate)) {
        return false; // not the bank's, or not one this program put there: left alone
    }
    if (!store_.remove(thumbprint)) {
        return false;
    }
    QSettings ledger(ledger_, QSettings::IniFormat);
    ledger.remove(ledgerKey(*certificate));
    return true;
}

std::optional<ClientIdentity> BankCertificates::identity(const QString& thumbprint)
{
    if (!theBanks(thumbprint)) {
        return std::nullopt;
    }
    return store_.identity(thumbprint);
}

KeyCheck BankCertificates::checkKey(const StoredCertificate& certificate)
{
    return isTheBanks(certificate) ? store_.checkKey(certificate) : KeyCheck{};
}

QByteArray readIssuerBundle(const QString& file)
{
    if (file.isEmpty()) {
        return {};
    }
    QFile bundle(file);
    if (!bundle.open(QIODevice::ReadOnly)) {
        return {};
    }
    const auto text = bundle.readAll();
    return text.contains("-----BEGIN CERTIFICATE-----") ? text : QByteArray();
}

} // namespace enroll::client
