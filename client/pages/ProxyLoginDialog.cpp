#include "pages/ProxyLoginDialog.h"

#include "pages/PageBase.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace enroll::client {

ProxyLoginDialog::ProxyLoginDialog(const ProxyChallenge& challenge, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("proxyLoginDialog"));
    setWindowTitle(tr("Proxy server login"));
    auto* layout = new QVBoxLayout(this);
    auto* prompt = new QLabel(this);
    prompt->setObjectName(QStringLiteral("proxyPrompt"));
    prompt->setWordWrap(true);
    auto text = tr("The proxy server %1 of this office's network asks for a user name and password.").arg(challenge.proxy);
    if (!challenge.realm.isEmpty()) {
        text += QLatin1Char('\n') + tr("The proxy server calls itself: %1").arg(challenge.realm);
    }
    prompt->setText(text);
    layout->addWidget(prompt);
    if (challenge.refused) {
        auto* refused = new QLabel(tr("The proxy server did not accept the user name or password entered. Please check them."), this);
        refused->setObjectName(QStringLiteral("proxyRefused"));
        refused->setWordWrap(true);
        refused->setStyleSheet(QStringLiteral("color: #b00020;"));
        layout->addWidget(refused);
    }
    auto* form = new QFormLayout;
    user_ = new QLineEdit(this);
    user_->setObjectName(QStringLiteral("proxyUserEdit"));
    user_->setAccessibleName(tr("Proxy user name"));
    password_ = new QLineEdit(this);
    password_->setObjectName(QStringLiteral("proxyPasswordEdit"));
    password_->setEchoMode(QLineEdit::Password);
    password_->setAccessibleName(tr("Proxy password"));
    form->addRow(tr("User name"), user_);
    form->addRow(tr("Password"), password_);
    layout->addLayout(form);
    remember_ = new QCheckBox(tr("Remember on this PC for this Windows user"), this);
    remember_->setObjectName(QStringLiteral("proxyRememberBox"));
    layout->addWidget(remember_);
    auto* note = new QLabel(PageBase::noteLine(tr("These are the proxy server's user name and password, given by your IT "
                                                  "administrator, not your login ID and password for the bank.")),
                            this);
    note->setObjectName(QStringLiteral("proxyNote"));
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("proxyOkButton"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("proxyCancelButton"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(480, sizeHint().height());
}

ProxyLogin ProxyLoginDialog::login()
{
    ProxyLogin login;
    login.user = user_->text().trimmed();
    login.password = SecureString(password_->text().toStdString());
    login.remember = remember_->isChecked();
    password_->clear();
    return login;
}

ProxyLoginPrompt proxyLoginPrompt(QWidget* parent)
{
    QPointer<QWidget> owner(parent);
    return [owner](const ProxyChallenge& challenge, std::function<void(std::optional<ProxyLogin>)> answer) {
        auto* dialog = new ProxyLoginDialog(challenge, owner);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::finished, dialog, [dialog, answer = std::move(answer)](int result) {
            if (result == QDialog::Accepted) {
                answer(dialog->login());
            } else {
                answer(std::nullopt);
            }
        });
        dialog->open();
    };
}

} // namespace enroll::client
