#include "pages/SignedInPages.h"

#include "flow/FlowText.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace enroll::client {

// --- my account -------------------------------------------------------------------------------

AccountPage::AccountPage(WizardSession& session, AccountController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("accountPage"), parent)
{
    setTitle(tr("User information"));
    setSubTitle(tr("Logged in with the electronic certificate of this PC."));
    userId_ = addValueRow(tr("User ID"), QStringLiteral("accountUserId"));
    role_ = addValueRow(tr("Role"), QStringLiteral("accountRole"));
    contract_ = addValueRow(tr("Contract number"), QStringLiteral("accountContract"));
    certificate_ = addValueRow(tr("Electronic certificate"), QStringLiteral("accountCertificate"));
    addText(tr("To change the user name or e-mail address, edit them and enter your password. The user ID cannot "
               "be changed (please contact the bank)."));
    auto* name = addOptionalField(Field::UserName, Echo::Plain);
    auto* email = addOptionalField(Field::Email, Echo::Plain);
    auto* password = addOptionalField(Field::Password, Echo::Password,
                                           tr("Only to change the user name or e-mail address: your current "
                                              "password, to confirm the change."));
    auto* logout = addButton(tr("Log out"), QStringLiteral("logoutButton"), tr("Signs out and shows the start screen."));
    logout->setAutoDefault(false);
    connect(logout, &QPushButton::clicked, &session_, &WizardSession::cancel);
    users_ = addButton(tr("Users"), QStringLiteral("usersButton"), tr("Shows the users of this contract."));
    users_->setAutoDefault(false);
    connect(users_, &QPushButton::clicked, &flow_, &AccountController::showUsers);
    renew_ = addButton(tr("Renew certificate"), QStringLiteral("renewButton"),
                       tr("Issues a new electronic certificate in place of the current one."));
    renew_->setAutoDefault(false);
    connect(renew_, &QPushButton::clicked, &flow_, &AccountController::renew);
    auto* change = addButton(tr("Change"), QStringLiteral("changeProfileButton"),
                             tr("Changes your user name or e-mail address."));
    connect(change, &QPushButton::clicked, this, [this, name, email, password] {
        flow_.changeProfile(name->text(), email->text(), password->text());
        password->clear();
    });
    connect(&flow_, &AccountController::accountChanged, this, &AccountPage::refresh);
}

void AccountPage::enter()
{
    clearFields();
    refresh();
}

void AccountPage::refresh()
{
    const auto& a = flow_.account();
    userId_->setText(a.userId);
    role_->setText(a.isMaster() ? tr("Master user") : tr("General user"));
    contract_->setText(a.contractNumber);
    QString cert = tr("Serial %1, valid until %2").arg(a.serial, shownJapanTime(a.notAfter, JapanTimeText::Minutes));
    cert += QLatin1Char('\n') + (a.renewalOpen ? tr("Renewal is open.")
                                                : tr("Renewal opens on %1.")
                                                      .arg(shownJapanTime(a.renewableFrom, JapanTimeText::Minutes)));
    certificate_->setText(cert);
    edit(Field::UserName)->setText(a.userName);
    edit(Field::Email)->setText(a.email);
    renew_->setEnabled(a.renewalOpen);
    users_->setVisible(a.isMaster());
}

// --- the contract's users (master) ---------------------------------------------------------------------

UsersPage::UsersPage(WizardSession& session, UsersController& flow, QWidget* parent)
    : FlowPage(session, flow, QStringLiteral("usersPage"), parent)
{
    setTitle(tr("Users"));
    setSubTitle(tr("The users of your contract. Register a general user, or stop a user's use."));
    table_ = new QTableWidget(0, 6, this);
    table_->setObjectName(QStringLiteral("usersTable"));
    table_->setAccessibleName(tr("Users"));
    table_->setHorizontalHeaderLabels({tr("User ID"), tr("User name"), tr("E-mail address"), tr("Role"), tr("State"),
                                       tr("Certificate valid until (Japan time)")});
    // every column as wide as its longest entry; the table scrolls sideways rather than cut one off
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    addText(tr("Register a general user: the user changes the initial password at its first use and then issues its "
               "own certificate on its own PC."));
    body_->insertWidget(0, table_); // the list first, the registration form below it
    auto* userId = addField(Field::UserId);
    auto* initial = addField(Field::InitialPassword, Echo::Password);
    auto* name = addField(Field::UserName);
    auto* email = addField(Field::Email);
    auto* emailAgain = addField(Field::EmailAgain);
    auto* back = addButton(tr("Back"), QStringLiteral("backButton"), tr("Shows your user information again."));
    back->setAutoDefault(false);
    connect(back, &QPushButton::clicked, &flow_, &UsersController::backToAccount);
    disable_ = addButton(tr("Stop use"), QStringLiteral("disableUserButton"),
                         tr("Stops the use of the user selected in the list."));
    disable_->setAutoDefault(false);
    connect(disable_, &QPushButton::clicked, this, [this] {
        const auto row = table_->currentRow();
        if (row < 0) {
            return;
        }
        const auto userId = table_->item(row, 0)->text();
        QMessageBox confirm(QMessageBox::Warning, tr("Stop use"),
                            tr("Stop the use of %1? Its electronic certificate is revoked at once and cannot be used again.")
                                .arg(userId),
                            QMessageBox::Yes | QMessageBox::No, this);
        confirm.setObjectName(QStringLiteral("disableConfirmation"));
        confirm.setDefaultButton(QMessageBox::No);
        if (confirm.exec() == QMessageBox::Yes) {
            flow_.disableUser(userId);
        }
    });
    auto* add = addButton(tr("Register"), QStringLiteral("registerUserButton"), tr("Registers a general user."));
    connect(add, &QPushButton::clicked, this, [this, userId, initial, name, email, emailAgain] {
        flow_.registerGeneralUser({userId->text(), initial->text(), name->text(), email->text(), emailAgain->text()});
    });
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto row = table_->currentRow();
        disable_->setEnabled(row >= 0 && table_->item(row, 3)->data(Qt::UserRole).toString() != QLatin1String("master") &&
                             table_->item(row, 4)->data(Qt::UserRole).toString() != QLatin1String("disabled"));
    });
    connect(&flow_, &UsersController::usersChanged, this, &UsersPage::refresh);
}

void UsersPage::enter()
{
    clearFields();
    refresh();
}

void UsersPage::refresh()
{
    clearEdits(); // after a registration or a stop: a fresh form, the notice stays
    const auto& users = flow_.users();
    table_->setRowCount(static_cast<int>(users.size()));
    auto stateText = [](const QString& state) {
        if (state == QLatin1String("locked")) {
            return tr("Locked");
        }
        if (state == QLatin1String("blocked")) {
            return tr("Blocked");
        }
        if (state == QLatin1String("disabled")) {
            return tr("Stopped");
        }
        return tr("In use");
    };
    for (int row = 0; row < static_cast<int>(users.size()); ++row) {
        const auto& u = users[static_cast<std::size_t>(row)];
        auto* role = new QTableWidgetItem(u.role == QLatin1String("master") ? tr("Master user") : tr("General user"));
        role->setData(Qt::UserRole, u.role);
        auto* state = new QTableWidgetItem(stateText(u.state));
        state->setData(Qt::UserRole, u.state);
        table_->setItem(row, 0, new QTableWidgetItem(u.userId));
        table_->setItem(row, 1, new QTableWidgetItem(u.userName));
        table_->setItem(row, 2, new QTableWidgetItem(u.email));
        table_->setItem(row, 3, role);
        table_->setItem(row, 4, state);
        table_->setItem(row, 5, new QTableWidgetItem(u.certificateNotAfter.isValid()
                                                         ? japanTimeText(u.certificateNotAfter, JapanTimeText::Minutes)
                                                         : tr("none")));
    }
    table_->clearSelection();
    disable_->setEnabled(false);
}

} // namespace enroll::client
