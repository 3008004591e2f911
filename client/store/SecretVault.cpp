#include "store/SecretVault.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>

#include <memory>

namespace enroll::client {
namespace {

// Runs a keychain job to its end; true on success.
bool run(QKeychain::Job& job, QString& error)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (job.error() != QKeychain::NoError) {
        error = job.errorString();
        return false;
    }
    return true;
}

} // namespace

bool KeychainVault::write(const QString& key, const SecureString& secret)
{
    QKeychain::WritePasswordJob job(service_);
    job.setAutoDelete(false);
    job.setKey(key);
    job.setBinaryData(QByteArray(secret.data(), static_cast<qsizetype>(secret.size())));
    return run(job, lastError_);
}

std::optional<SecureString> KeychainVault::read(const QString& key)
{
    QKeychain::ReadPasswordJob job(service_);
    job.setAutoDelete(false);
    job.setKey(key);
    if (!run(job, lastError_)) {
        return std::nullopt;
    }
    auto data = job.binaryData();
    SecureString secret(std::string_view(data.constData(), static_cast<std::size_t>(data.size())));
    secureWipe(data.data(), static_cast<std::size_t>(data.size()));
    return secret;
}

bool KeychainVault::remove(const QString& key)
{
    QKeychain::DeletePasswordJob job(service_);
    job.setAutoDelete(false);
    job.setKey(key);
    QString error;
    const bool ok = run(job, error);
    if (!ok && error.contains(QStringLiteral("not found"), Qt::CaseInsensitive)) {
        return true; // already gone
    }
    lastError_ = error;
    return ok;
}

} // namespace enroll::client
