// One PC for the client tests: its settings, keychain (real gnome-keyring), portable store,
// pending folder, API client and the wizard's flows — the same objects rokin-enroll wires in main().
#pragma once

#include "ServerHarness.h"

#include "flow/WizardFlows.h"
#include "store/portable/PortableCertificateStore.h"

namespace enroll::test {

struct Pc
{
    Pc(const QUrl& server, const QString& caBundle, const QString& home, Language language = Language::Japanese)
        : settings{server, caBundle, language}, api(settings),
          store(home + QStringLiteral("/certificates"), vault), pending(home + QStringLiteral("/pending"), vault),
          flows(api, store, pending, language)
    {
    }
    Pc(const ServerProcess& server, const QString& home, Language language = Language::Japanese)
        : Pc(QUrl(server.url({})), server.chain(), home, language)
    {
    }
    client::ClientSettings settings;
    client::KeychainVault vault{QStringLiteral("Rokin Enroll test")};
    client::ApiClient api;
    client::PortableCertificateStore store;
    client::PendingImports pending;
    client::WizardFlows flows;
};

} // namespace enroll::test
