// マスターユーザーの初期登録 (SPEC §4.1): the contract's login with its initial password, the
// master user's registration, and on to the certificate's issuance with the new user ID.
#pragma once

#include "flow/IssuanceController.h"
#include "flow/WizardSession.h"

#include <QObject>
#include <QString>

namespace enroll::client {

struct RegistrationForm
{
    QString userId;
    QString password;
    QString passwordAgain;
    QString userName;
    QString email;
    QString emailAgain;
};

struct RegisteredUser
{
    QString userId;
    QString userName;
    QString email;
};

class RegistrationController : public QObject
{
    Q_OBJECT
public:
    RegistrationController(WizardSession& session, IssuanceController& issuance, QObject* parent = nullptr);

    [[nodiscard]] QString employerName() const { return employerName_; }
    [[nodiscard]] const RegisteredUser& registered() const { return registered_; }

public slots:
    void start();
    void submitContractLogin(const QString& contractNumber, const QString& initialPassword);
    void submitRegistration(const enroll::client::RegistrationForm& form);
    void continueToIssuance(); // 登録結果 → [電子証明書発行] with the user ID filled in

private:
    void forget();

    WizardSession& session_;
    IssuanceController& issuance_;
    QString employerName_;
    SecureString registrationToken_;
    RegisteredUser registered_;
};

} // namespace enroll::client
