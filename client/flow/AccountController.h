// Signed in (SPEC §4.4): ログイン with this account's certificate (mutual TLS), the user's own
// information and its change, the renewal when it is open, and the way to the master's users.
#pragma once

#include "flow/IssuanceController.h"
#include "flow/UsersController.h"
#include "flow/WizardSession.h"

#include <QObject>
#include <QString>

namespace enroll::client {

class AccountController : public QObject
{
    Q_OBJECT
public:
    AccountController(WizardSession& session, IssuanceController& issuance, UsersController& users,
                      QObject* parent = nullptr);

    [[nodiscard]] const SignedInAccount& account() const { return session_.account(); }

public slots:
    void signIn();
    void changeProfile(const QString& userName, const QString& email, const QString& password);
    // Inside the window: a new key pair, then the issuance result and import pages. `silent`: the
    // PC renews by itself (--renew), which the bank's monitoring counts apart.
    void renew(bool silent = false);
    void showUsers();

signals:
    void accountChanged();

private:
    void load(bool show);

    WizardSession& session_;
    IssuanceController& issuance_;
    UsersController& users_;
};

} // namespace enroll::client
