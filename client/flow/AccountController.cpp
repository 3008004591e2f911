#include "flow/AccountController.h"

#include "flow/FlowText.h"

namespace enroll::client {
namespace {

namespace json = protocol::json;
namespace path = protocol::path;

// GET /me's renewalHours; the default (8–20) when a bank's server does not send them
RenewalHours renewalHoursOf(const QJsonObject& hours)
{
    const RenewalHours given{hours.value(flowText(json::kEarliest)).toInt(RenewalHours{}.earliest),
                             hours.value(flowText(json::kLatest)).toInt(RenewalHours{}.latest)};
    return validRenewalHours(given) ? given : RenewalHours{};
}

} // namespace

AccountController::AccountController(WizardSession& session, IssuanceController& issuance, UsersController& users,
                                     QObject* parent)
    : QObject(parent), session_(session), issuance_(issuance), users_(users)
{
}

void AccountController::signIn()
{
    if (session_.busy()) {
        return;
    }
    session_.forgetStoredIdentity();
    if (!session_.certificateStatus().present) {
        session_.fail(tr("This Windows account holds no electronic certificate from the bank. Please issue one first."));
        return;
    }
    load(true);
}

void AccountController::load(bool show)
{
    if (!session_.useStoredIdentity()) {
        session_.fail(tr("The certificate on this PC cannot be used to log in."));
        return;
    }
    session_.setBusy(true);
    session_.api().get(flowText(path::kMe), session_.guarded([this, show](const ApiResult& r) {
        session_.api().clearClientIdentity();
        if (!r.ok()) {
            session_.fail(r);
            return;
        }
        const auto cert = r.json.value(flowText(json::kCertificate)).toObject();
        session_.signedIn() = {r.text("userId"),
                               r.text("userName"),
                               r.text("email"),
                               r.text("role"),
                               r.text("contractNumber"),
                               cert.value(flowText(json::kSerial)).toString(),
                               japanTimeOf(cert.value(flowText(json::kNotAfter)).toString()),
                               japanTimeOf(cert.value(flowText(json::kRenewableFrom)).toString()),
                               cert.value(flowText(json::kRenewalOpen)).toBool(),
                               cert.value(flowText(json::kSilentRenewal)).toBool(true),
                               renewalHoursOf(cert.value(flowText(json::kRenewalHours)).toObject())};
        session_.memo().setBankAllowsSilentRenewal(session_.account().silentRenewal);
        session_.memo().setBankRenewalHours(session_.account().renewalHours);
        if (show) {
            session_.go(WizardSession::Page::Account);
        } else {
            emit accountChanged();
        }
    }));
}

void AccountController::changeProfile(const QString& userName, const QString& email, const QString& password)
{
    const auto& account = session_.account();
    protocol::ProfileChangeRequest request;
    if (userName != account.userName) {
        request.userName = userName.toStdString();
    }
    if (email != account.email) {
        request.email = email.toStdString();
    }
    request.password = SecureString(password.toStdString());
    if (session_.busy() || !session_.showErrors(protocol::validate(request))) {
        return;
    }
    if (!session_.useStoredIdentity()) {
        session_.fail(tr("The certificate on this PC cannot be used to log in."));
        return;
    }
    QJsonObject body{{flowText(json::kPassword), password}};
    if (request.userName) {
        body.insert(flowText(json::kUserName), userName);
    }
    if (request.email) {
        body.insert(flowText(json::kEmail), email);
    }
    session_.setBusy(true);
    session_.api().send(QStringLiteral("PATCH"), flowText(path::kMe), body, session_.guarded([this](const ApiResult& r) {
        session_.api().clearClientIdentity();
        if (!r.ok()) {
            session_.fail(r);
            return;
        }
        session_.signedIn().userName = r.text("userName");
        session_.signedIn().email = r.text("email");
        emit accountChanged();
        emit session_.noticeChanged(tr("Your user information was changed."));
    }));
}

void AccountController::renew(bool silent)
{
    if (session_.account().renewalOpen) {
        issuance_.renew(session_.account().userId, silent);
    }
}

void AccountController::showUsers()
{
    users_.show();
}

} // namespace enroll::client
