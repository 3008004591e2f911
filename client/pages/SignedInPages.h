// SPEC §4.4, signed in with the certificate: my account (data, certificate, renewal, name and
// e-mail changes with the password re-entered) and, for the master, the contract's users.
#pragma once

#include "flow/AccountController.h"
#include "flow/UsersController.h"
#include "pages/PageBase.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace enroll::client {

class AccountPage final : public FlowPage<AccountController>
{
    Q_OBJECT
public:
    AccountPage(WizardSession& session, AccountController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    void refresh();
    QLabel* userId_ = nullptr;
    QLabel* role_ = nullptr;
    QLabel* contract_ = nullptr;
    QLabel* certificate_ = nullptr;
    QPushButton* renew_ = nullptr;
    QPushButton* users_ = nullptr;
};

class UsersPage final : public FlowPage<UsersController>
{
    Q_OBJECT
public:
    UsersPage(WizardSession& session, UsersController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    void refresh();
    QTableWidget* table_ = nullptr;
    QPushButton* disable_ = nullptr;
};

} // namespace enroll::client
