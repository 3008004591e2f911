// The start page and SPEC §4.1 (マスターユーザーの初期登録): one class per manual page.
#pragma once

#include "flow/RegistrationController.h"
#include "pages/PageBase.h"

class QPushButton;
class QLabel;

namespace enroll::client {

// ろうきん賃金控除事務支援システム
class StartPage final : public PageBase
{
    Q_OBJECT
public:
    explicit StartPage(WizardSession& session, QWidget* parent = nullptr);
    void enter() override;

signals:
    // its buttons: MainWindow takes each to its flow
    void signInRequested();
    void masterRegistrationRequested();
    void issuanceRequested();
    void diagnosisRequested(); // 接続診断, for the bank's help desk

private:
    QLabel* status_ = nullptr;
};

// 初期登録ログイン
class ContractLoginPage final : public FlowPage<RegistrationController>
{
    Q_OBJECT
public:
    ContractLoginPage(WizardSession& session, RegistrationController& flow, QWidget* parent = nullptr);
    void enter() override;
};

// 登録内容入力: live validation with the rules from common/, [登録] only when all is valid.
class RegistrationPage final : public FlowPage<RegistrationController>
{
    Q_OBJECT
public:
    RegistrationPage(WizardSession& session, RegistrationController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    [[nodiscard]] RegistrationForm form() const;
    void validateLive();
    QPushButton* register_ = nullptr;
    bool pressed_ = false; // [登録] pressed: empty fields are named as missing
    QLabel* carrierWarning_ = nullptr;
    QLabel* employer_ = nullptr;
};

// 登録結果
class RegistrationResultPage final : public FlowPage<RegistrationController>
{
    Q_OBJECT
public:
    RegistrationResultPage(WizardSession& session, RegistrationController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    QLabel* userId_ = nullptr;
    QLabel* userName_ = nullptr;
    QLabel* email_ = nullptr;
};

} // namespace enroll::client
