// A PC of the client tests (ClientHarness.h) with the wizard's window on it, shown, and driven as
// a clerk would (WizardDriver).
#pragma once

#include "ClientHarness.h"
#include "WizardDriver.h"

#include "pages/MainWindow.h"

namespace enroll::test {

struct App
{
    App(const ServerProcess& server, const QString& home, Language language = Language::Japanese)
        : pc(server, home, language), window(pc.flows), wizard(window, language)
    {
        window.show();
    }
    App(const QUrl& url, const QString& ca, const QString& home, Language language = Language::Japanese)
        : pc(url, ca, home, language), window(pc.flows), wizard(window, language)
    {
        window.show();
    }
    Pc pc;
    client::MainWindow window;
    Wizard wizard;

    template <typename T>
    T* find(const char* name)
    {
        return wizard.find<T>(name);
    }
    [[nodiscard]] QString page() const { return wizard.page(); }
    [[nodiscard]] QString message() const { return wizard.message(); }
    // An enrolled user's certificate and key into this PC's store, shown on the start page.
    bool hold(const ServerProcess::Enrolled& enrolled)
    {
        const bool ok = pc.hold(enrolled);
        pc.flows.session.cancel(); // the start page shows it
        return ok;
    }
};

} // namespace enroll::test
