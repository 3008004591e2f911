// The proxy's question, asked of the clerk: which proxy (host:port) and its realm, the user name and
// password the office's IT administrator gave (never the bank's), and whether this PC keeps them
// for this user. Opened by the API client's prompt (MainWindow sets it); --renew never asks.
#pragma once

#include "flow/ApiClient.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace enroll::client {

class ProxyLoginDialog final : public QDialog
{
    Q_OBJECT
public:
    ProxyLoginDialog(const ProxyChallenge& challenge, QWidget* parent);
    // the answer; the password field is cleared
    [[nodiscard]] ProxyLogin login();

private:
    QLineEdit* user_ = nullptr;
    QLineEdit* password_ = nullptr;
    QCheckBox* remember_ = nullptr;
};

// A prompt for ApiClient that opens the dialog over `parent` (window modal, never blocking the
// event loop) and answers once.
ProxyLoginPrompt proxyLoginPrompt(QWidget* parent);

} // namespace enroll::client
