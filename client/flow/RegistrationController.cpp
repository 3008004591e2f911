#include "flow/RegistrationController.h"

#include "flow/FlowText.h"

namespace enroll::client {
namespace {

namespace json = protocol::json;
namespace path = protocol::path;

} // namespace

RegistrationController::RegistrationController(WizardSession& session, IssuanceController& issuance, QObject* parent)
    : QObject(parent), session_(session), issuance_(issuance)
{
    connect(&session_, &WizardSession::cancelled, this, &RegistrationController::forget);
}

void RegistrationController::forget()
{
    employerName_.clear();
    registrationToken_.clear();
    registered_ = {};
}

void RegistrationController::start()
{
    session_.go(WizardSession::Page::ContractLogin);
}

void RegistrationController::submitContractLogin(const QString& contractNumber, const QString& initialPassword)
{
    const protocol::ContractLoginRequest request{contractNumber.toStdString(), SecureString(initialPassword.toStdString())};
    if (session_.busy() || !session_.showErrors(protocol::validate(request))) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(flowText(path::kContractLogin),
                        {{flowText(json::kContractNumber), contractNumber},
                         {flowText(json::kInitialPassword), initialPassword}},
                        {}, session_.guarded([this](const ApiResult& r) {
                            if (!r.ok()) {
                                session_.fail(r);
                                return;
                            }
                            registrationToken_ = SecureString(r.text("registrationToken").toStdString());
                            employerName_ = r.text("employerName");
                            session_.go(WizardSession::Page::Registration);
                        }));
}

void RegistrationController::submitRegistration(const RegistrationForm& form)
{
    const protocol::RegistrationRequest request{form.userId.toStdString(), SecureString(form.password.toStdString()),
                                                form.userName.toStdString(), form.email.toStdString()};
    if (session_.busy() ||
        !session_.showErrors(protocol::validateRegistrationForm(request, form.passwordAgain.toStdString(),
                                                                form.emailAgain.toStdString()))) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(flowText(path::kMasterRegister),
                        {{flowText(json::kUserId), form.userId},
                         {flowText(json::kPassword), form.password},
                         {flowText(json::kUserName), form.userName},
                         {flowText(json::kEmail), form.email}},
                        secretText(registrationToken_), session_.guarded([this](const ApiResult& r) {
                            if (!r.ok()) {
                                session_.fail(r);
                                return;
                            }
                            registered_ = {r.text("userId"), r.text("userName"), r.text("email")};
                            registrationToken_.clear();
                            session_.go(WizardSession::Page::RegistrationResult);
                        }));
}

void RegistrationController::continueToIssuance()
{
    issuance_.start(registered_.userId);
}

} // namespace enroll::client
