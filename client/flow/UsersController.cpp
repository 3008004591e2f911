#include "flow/UsersController.h"

#include "flow/FlowText.h"

#include <QJsonArray>

namespace enroll::client {
namespace {

namespace json = protocol::json;
namespace path = protocol::path;

} // namespace

UsersController::UsersController(WizardSession& session, QObject* parent) : QObject(parent), session_(session)
{
    connect(&session_, &WizardSession::cancelled, this, [this] { users_.clear(); });
}

void UsersController::show()
{
    if (session_.busy() || !session_.account().isMaster() || !session_.useStoredIdentity()) {
        return;
    }
    session_.setBusy(true);
    session_.api().get(flowText(path::kUsers), session_.guarded([this](const ApiResult& r) {
        session_.api().clearClientIdentity();
        if (!r.ok()) {
            session_.fail(r);
            return;
        }
        users_.clear();
        for (const auto& value : r.json.value(flowText(json::kUsers)).toArray()) {
            const auto u = value.toObject();
            users_.push_back({u.value(flowText(json::kUserId)).toString(), u.value(flowText(json::kUserName)).toString(),
                              u.value(flowText(json::kEmail)).toString(), u.value(flowText(json::kRole)).toString(),
                              u.value(flowText(json::kState)).toString(),
                              japanTimeOf(u.value(flowText(json::kCertificateNotAfter)).toString())});
        }
        if (session_.page() == WizardSession::Page::Users) {
            emit usersChanged();
        } else {
            session_.go(WizardSession::Page::Users);
        }
    }));
}

void UsersController::registerGeneralUser(const GeneralUserForm& form)
{
    const protocol::GeneralUserRequest request{form.userId.toStdString(), SecureString(form.initialPassword.toStdString()),
                                               form.userName.toStdString(), form.email.toStdString()};
    if (session_.busy() ||
        !session_.showErrors(protocol::validateGeneralUserForm(request, form.emailAgain.toStdString())) ||
        !session_.useStoredIdentity()) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(flowText(path::kUsers),
                        {{flowText(json::kUserId), form.userId},
                         {flowText(json::kInitialPassword), form.initialPassword},
                         {flowText(json::kUserName), form.userName},
                         {flowText(json::kEmail), form.email}},
                        {}, session_.guarded([this, userId = form.userId](const ApiResult& r) {
                            session_.api().clearClientIdentity();
                            if (!r.ok()) {
                                session_.fail(r);
                                return;
                            }
                            emit session_.noticeChanged(tr("%1 was registered. Tell the user the initial password; it "
                                                           "must be changed at the first use.")
                                                            .arg(userId));
                            show();
                        }));
}

void UsersController::disableUser(const QString& userId)
{
    if (session_.busy() || !session_.useStoredIdentity()) {
        return;
    }
    session_.setBusy(true);
    session_.api().send(QStringLiteral("DELETE"), flowText(path::kUsers) + QLatin1Char('/') + userId, {},
                        session_.guarded([this, userId](const ApiResult& r) {
                            session_.api().clearClientIdentity();
                            if (!r.ok()) {
                                session_.fail(r);
                                return;
                            }
                            emit session_.noticeChanged(tr("%1 was disabled; its certificate is revoked.").arg(userId));
                            show();
                        }));
}

void UsersController::backToAccount()
{
    session_.go(WizardSession::Page::Account);
}

} // namespace enroll::client
