// One PC for the client tests: its settings, keychain (real gnome-keyring), portable store,
// pending folder, API client and the wizard's flows — the same objects rokin-enroll wires in main().
#pragma once

#include "ServerHarness.h"

#include "crypto/ClientCrypto.h"
#include "flow/WizardFlows.h"
#include "store/BankCertificates.h"
#include "store/portable/PortableCertificateStore.h"

#include <QFile>

namespace enroll::test {

// An enrolled user's certificate and key into `store`, as the wizard leaves them.
inline bool holdIn(client::CertificateStore& store, const ServerProcess::Enrolled& enrolled)
{
    QFile cert(enrolled.certFile);
    QFile key(enrolled.keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        return false;
    }
    const auto password = client::randomSecret();
    const auto p12 = client::buildPkcs12({key.readAll().toStdString(), cert.readAll().toStdString(), {}, "Rokin"},
                                         password, client::Pkcs12Encoding::Aes256Sha256);
    return store.importPkcs12(QByteArray::fromStdString(p12), password).ok();
}

struct Pc
{
    // `issuers`: the bank's issuing CAs (empty: none installed, only what this PC imported counts)
    Pc(const QUrl& server, const QString& caBundle, const QString& home, Language language = Language::Japanese,
       const QString& issuers = {})
        : settings(settingsFor(server, caBundle, language)), api(settings),
          platformStore(home + QStringLiteral("/certificates"), vault),
          store(platformStore, client::readIssuerBundle(issuers), home + QStringLiteral("/certificates.ini")),
          pending(home + QStringLiteral("/pending"), vault),
          memo(home + QStringLiteral("/renewal.ini"), true), flows(api, store, pending, memo, language)
    {
        api.setProxyCredentialVault(&vault);
    }
    Pc(const ServerProcess& server, const QString& home, Language language = Language::Japanese)
        : Pc(QUrl(server.url({})), server.chain(), home, language, server.clientCa())
    {
    }
    bool hold(const ServerProcess::Enrolled& enrolled) { return holdIn(store, enrolled); }
    static client::ClientSettings settingsFor(const QUrl& server, const QString& caBundle, Language language)
    {
        client::ClientSettings settings;
        settings.serverUrl = server;
        settings.caBundle = caBundle;
        settings.language = language;
        return settings;
    }

    client::ClientSettings settings;
    client::KeychainVault vault{QStringLiteral("Rokin Enroll test")};
    client::ApiClient api;
    client::PortableCertificateStore platformStore;
    client::BankCertificates store; // what the wizard sees of it: the bank's alone
    client::PendingImports pending;
    client::RenewalMemo memo;
    client::WizardFlows flows;
};

} // namespace enroll::test
