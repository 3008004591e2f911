#include "flow/Doctor.h"

#include "crypto/OcspQuery.h"
#include "flow/ErrorText.h"
#include "flow/FlowText.h"

#include "enroll/Protocol.h"

#include <QDateTime>
#include <QTimeZone>

namespace enroll::client {

namespace path = protocol::path;

QString DoctorLine::formatted() const
{
    return (ok ? QStringLiteral("[OK] ") : QStringLiteral("[NG] ")) + text;
}

bool DoctorReport::allPassed() const
{
    return !lines.empty() && std::all_of(lines.begin(), lines.end(), [](const DoctorLine& line) { return line.ok; });
}

QString DoctorReport::text() const
{
    QStringList out;
    for (const auto& line : lines) {
        out << line.formatted();
    }
    return out.join(QLatin1Char('\n'));
}

Doctor::Doctor(Inputs inputs, QObject* parent) : QObject(parent), in_(std::move(inputs)) {}

void Doctor::add(bool ok, const QString& text)
{
    report_.lines.push_back({ok, QString(text).replace(QLatin1Char('\n'), QLatin1Char(' '))});
}

void Doctor::run()
{
    report_ = {};
    in_.api.resolveRoute([this](const ProxyRoute& route) {
        add(true, route.direct() ? tr("Route: direct to the bank (%1)").arg(route.source)
                                 : tr("Route: through the proxy server %1 (%2)").arg(route.proxy->display(), route.source));
        checkConnection();
    });
}

void Doctor::checkConnection()
{
    in_.api.get(flowText(path::kHealth), [this](const ApiResult& result) {
        const auto language = in_.language;
        if (result.ok()) {
            add(true, tr("The bank's server answers."));
            add(true, tr("The server's certificate chain is the bank's: the connection is not inspected."));
        } else if (result.kind == ApiResult::Kind::Untrusted) {
            add(true, tr("The bank's server is reached."));
            add(false, ErrorText::forResult(result, language));
        } else {
            add(false, ErrorText::forResult(result, language));
            add(false, tr("The server's certificate chain could not be checked: no connection."));
        }
        checkCertificate();
    });
}

void Doctor::checkCertificate()
{
    const auto certificates = in_.store.find({});
    const StoredCertificate* newest = nullptr;
    for (const auto& c : certificates) {
        if (newest == nullptr || c.notAfter > newest->notAfter) {
            newest = &c;
        }
    }
    if (newest == nullptr) {
        add(false, tr("Certificate: this user has no electronic certificate from the bank on this PC."));
        add(false, tr("Key: no certificate, so no key."));
        add(false, tr("Revocation (OCSP): no certificate to ask about."));
        checkLogonTask();
        return;
    }
    const auto now = QDateTime::currentDateTimeUtc();
    const auto daysLeft = now.daysTo(newest->notAfter);
    const auto until = newest->notAfter.toTimeZone(QTimeZone(9 * 3600)).toString(QStringLiteral("yyyy/MM/dd HH:mm"));
    if (newest->notAfter <= now) {
        add(false, tr("Certificate of %1: issuer %2, serial %3, expired on %4 (Japan time).")
                       .arg(newest->userId, newest->issuer, newest->serial, until));
    } else {
        add(true, tr("Certificate of %1: issuer %2, serial %3, valid until %4 (Japan time), days left: %5.")
                      .arg(newest->userId, newest->issuer, newest->serial, until, QString::number(daysLeft)));
    }
    const auto key = in_.store.checkKey(*newest);
    const bool exportableMatters = in_.store.keyStaysInStore();
    if (!key.present) {
        add(false, tr("Key: the certificate's private key is missing on this PC. Please issue the certificate again."));
    } else if (exportableMatters && key.exportable) {
        add(false, tr("Key: present, but it can be exported. Please contact the bank."));
    } else if (!key.signs) {
        add(false, tr("Key: present, but a test signature with it failed."));
    } else {
        add(true, exportableMatters ? tr("Key: present, not exportable, a test signature verifies.")
                                    : tr("Key: present, a test signature verifies."));
    }
    checkRevocation(*newest);
}

void Doctor::checkRevocation(const StoredCertificate& certificate)
{
    const auto query = ocspQueryFor(certificate.der.toStdString(), in_.issuersPem.toStdString());
    if (!query) {
        add(false, tr("Revocation (OCSP): the certificate names no OCSP responder of the bank's CAs."));
        checkLogonTask();
        return;
    }
    in_.api.postTo(QUrl(QString::fromStdString(query->url)), QByteArray::fromStdString(query->requestDer),
                   "application/ocsp-request", [this, certificate](const ApiResult& result) {
                       if (!result.ok()) {
                           add(false, tr("Revocation (OCSP): the bank's responder did not answer. %1")
                                          .arg(ErrorText::forResult(result, in_.language)));
                           checkLogonTask();
                           return;
                       }
                       switch (readOcspResponse(result.raw.toStdString(), certificate.der.toStdString(), in_.issuersPem.toStdString())) {
                       case OcspStatus::Good:
                           add(true, tr("Revocation (OCSP): the bank says the certificate is good."));
                           break;
                       case OcspStatus::Revoked:
                           add(false, tr("Revocation (OCSP): the bank has revoked this certificate. Please issue a new one."));
                           break;
                       case OcspStatus::Unknown:
                           add(false, tr("Revocation (OCSP): the bank does not know this certificate."));
                           break;
                       case OcspStatus::Invalid:
                           add(false, tr("Revocation (OCSP): the answer was not the bank's, or not valid."));
                           break;
                       }
                       checkLogonTask();
                   });
}

void Doctor::checkLogonTask()
{
    if (!in_.logonTaskInstalled) {
        add(true, tr("Automatic renewal: not installed on this PC (AUTO_RENEW=0); renew with the wizard."));
    } else if (in_.logonTaskFound && in_.logonTaskFound()) {
        add(true, tr("Automatic renewal: the logon task is registered."));
    } else {
        add(false, tr("Automatic renewal: the logon task is missing. Please ask your IT administrator to repair the installation."));
    }
    const auto notice = in_.memo.peekNotice();
    add(true, notice.isEmpty() ? tr("Last notice of the logon task: none.") : tr("Last notice of the logon task: %1").arg(notice));
    emit finished(report_);
}

} // namespace enroll::client
