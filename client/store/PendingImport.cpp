#include "store/PendingImport.h"

#include <QFile>
#include <QSaveFile>

namespace enroll::client {
namespace {

QString keychainKey(const QString& serial)
{
    return QStringLiteral("pending/") + serial;
}

QString tokenKey(const QString& serial)
{
    return QStringLiteral("pending-token/") + serial;
}

} // namespace

PendingImports::PendingImports(QString directory, SecretVault& vault) : directory_(std::move(directory)), vault_(vault)
{
    directory_.mkpath(QStringLiteral("."));
}

bool PendingImports::save(const QString& serial, const QByteArray& pkcs12, const SecureString& password,
                          const SecureString& issuanceToken)
{
    if (!vault_.write(keychainKey(serial), password) ||
        (!issuanceToken.empty() && !vault_.write(tokenKey(serial), issuanceToken))) {
        vault_.remove(keychainKey(serial));
        return false;
    }
    QSaveFile file(directory_.filePath(serial + QStringLiteral(".p12")));
    if (!file.open(QIODevice::WriteOnly)) {
        vault_.remove(keychainKey(serial));
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(pkcs12);
    if (!file.commit()) { // written whole, or not at all
        vault_.remove(keychainKey(serial));
        return false;
    }
    return true;
}

QStringList PendingImports::serials() const
{
    QStringList out;
    for (const auto& name : directory_.entryList({QStringLiteral("*.p12")}, QDir::Files, QDir::Name)) {
        out << name.chopped(4);
    }
    return out;
}

std::optional<PendingImports::Pending> PendingImports::load(const QString& serial)
{
    QFile file(directory_.filePath(serial + QStringLiteral(".p12")));
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    auto password = vault_.read(keychainKey(serial));
    if (!password) {
        return std::nullopt;
    }
    auto token = vault_.read(tokenKey(serial));
    return Pending{serial, file.readAll(), std::move(*password), token ? std::move(*token) : SecureString()};
}

namespace {

// Overwritten before it is removed: nothing of the key left in the free blocks of a plain disk.
void shred(const QString& path)
{
    QFile file(path);
    if (file.open(QIODevice::ReadWrite)) {
        file.write(QByteArray(file.size(), '\0'));
        file.flush();
        file.close();
    }
    QFile::remove(path);
}

} // namespace

void PendingImports::wipe(const QString& serial)
{
    shred(directory_.filePath(serial + QStringLiteral(".p12")));
    vault_.remove(keychainKey(serial));
    vault_.remove(tokenKey(serial));
}

int PendingImports::adoptFrom(const QString& otherDirectory)
{
    const QDir other(otherDirectory);
    if (!other.exists() || other.absolutePath() == directory_.absolutePath()) {
        return 0;
    }
    int adopted = 0;
    for (const auto& name : other.entryList({QStringLiteral("*.p12")}, QDir::Files, QDir::Name)) {
        QFile from(other.filePath(name));
        QSaveFile to(directory_.filePath(name));
        if (!from.open(QIODevice::ReadOnly) || !to.open(QIODevice::WriteOnly)) {
            continue;
        }
        to.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        to.write(from.readAll());
        from.close();
        if (to.commit()) {
            shred(other.filePath(name));
            ++adopted;
        }
    }
    return adopted;
}

} // namespace enroll::client
