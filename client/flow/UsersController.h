// The master user's users (SPEC §4.4): the contract's list, a general user registered with an
// initial password, a user's use stopped (its certificate revoked).
#pragma once

#include "flow/WizardSession.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <vector>

namespace enroll::client {

// One line of the master's user list.
struct ContractUserLine
{
    QString userId;
    QString userName;
    QString email;
    QString role;
    QString state; // active / locked / blocked / disabled
    QDateTime certificateNotAfter;
};

struct GeneralUserForm
{
    QString userId;
    QString initialPassword;
    QString userName;
    QString email;
    QString emailAgain;
};

class UsersController : public QObject
{
    Q_OBJECT
public:
    explicit UsersController(WizardSession& session, QObject* parent = nullptr);

    [[nodiscard]] const std::vector<ContractUserLine>& users() const { return users_; }

public slots:
    void show(); // the list, from the bank (the signed-in user must be the master)
    void registerGeneralUser(const enroll::client::GeneralUserForm& form);
    void disableUser(const QString& userId);
    void backToAccount();

signals:
    void usersChanged();

private:
    WizardSession& session_;
    std::vector<ContractUserLine> users_;
};

} // namespace enroll::client
