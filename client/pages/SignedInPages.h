// SPEC §4.4, signed in with the certificate: my account (data, certificate, renewal, name and
// e-mail changes with the password re-entered) and, for the master, the contract's users.
#pragma once

#include "pages/PageBase.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace enroll::client {

class AccountPage final : public PageBase
{
    Q_OBJECT
public:
    explicit AccountPage(EnrollmentController& controller, QWidget* parent = nullptr);
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

class UsersPage final : public PageBase
{
    Q_OBJECT
public:
    explicit UsersPage(EnrollmentController& controller, QWidget* parent = nullptr);
    void enter() override;

private:
    void refresh();
    QTableWidget* table_ = nullptr;
    QPushButton* disable_ = nullptr;
};

} // namespace enroll::client
