// rokin-enroll --doctor, and the start page's 接続診断: what the bank's help desk asks of a PC, one
// line per check, each passed or failed, in the UI language:
//  1. the bank's server is reached, and by which route (direct, or which proxy and why);
//  2. its chain is the bank's (not re-signed by an inspecting proxy);
//  3. this user's certificate from the bank: issuer, serial, days left;
//  4. its key: there, not exportable (where Windows enforces it), and a test signature verifies;
//  5. its status at the bank's OCSP responder;
//  6. the logon renewal task, and the last notice the logon task left.
// Nothing is sent to the bank but /healthz and the OCSP request; no password is asked.
#pragma once

#include "flow/ApiClient.h"
#include "store/BankCertificates.h"
#include "store/RenewalMemo.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace enroll::client {

struct DoctorLine
{
    bool ok = false;
    QString text;
    [[nodiscard]] QString formatted() const; // "[OK] …" / "[NG] …"
};

struct DoctorReport
{
    std::vector<DoctorLine> lines;
    [[nodiscard]] bool allPassed() const;
    [[nodiscard]] QString text() const; // the lines, one a line
};

class Doctor : public QObject
{
    Q_OBJECT
public:
    struct Inputs
    {
        ApiClient& api;
        CertificateStore& store;
        QByteArray issuersPem; // the bank's issuing CAs
        RenewalMemo& memo;
        bool logonTaskInstalled = false;     // the MSI's AUTO_RENEW=1 (the task is meant to be there)
        std::function<bool()> logonTaskFound; // is it there (Windows: the Run entry)
        Language language = Language::Japanese;
    };
    explicit Doctor(Inputs inputs, QObject* parent = nullptr);

    // Runs the checks; finished() once.
    void run();

signals:
    void finished(const enroll::client::DoctorReport& report);

private:
    void checkConnection();
    void checkCertificate();
    void checkRevocation(const StoredCertificate& certificate);
    void checkLogonTask();
    void add(bool ok, const QString& text);

    Inputs in_;
    DoctorReport report_;
};

} // namespace enroll::client
