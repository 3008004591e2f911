// SPEC §4.2 (電子証明書発行): one class per manual page, ① to ⑥.
#pragma once

#include "flow/IssuanceController.h"
#include "pages/PageBase.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace enroll::client {

// ① ユーザー認証
class UserAuthenticationPage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    UserAuthenticationPage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
    void enter() override;
};

// パスワード変更: a general user replaces the initial password its master gave it.
class PasswordChangePage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    PasswordChangePage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
    void enter() override;
};

// ② 認証コード入力
class CodeEntryPage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    CodeEntryPage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    void showExpiry(); // 「有効期限 20:45 まで」: when the code sent last stops working
    QLabel* sentTo_ = nullptr;
    QLabel* expiry_ = nullptr;
};

// ③ 発行
class IssuePage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    IssuePage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
};

// ④ 発行中: progress while the key pair is made and the bank signs; the window stays responsive.
class IssuingPage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    IssuingPage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
    void enter() override;
    [[nodiscard]] bool showsProgress() const override { return true; }

private:
    QProgressBar* progress_ = nullptr;
    QLabel* step_ = nullptr;
};

// ⑤ 発行結果
class IssueResultPage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    IssueResultPage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    QLabel* userId_ = nullptr;
    QLabel* contract_ = nullptr;
    QLabel* serial_ = nullptr;
    QLabel* validity_ = nullptr; // 「有効期間 2026/11/28～2027/11/28」
};

// ⑥ インポート, then 「正しくインポートされました。」
class ImportPage final : public FlowPage<IssuanceController>
{
    Q_OBJECT
public:
    ImportPage(WizardSession& session, IssuanceController& flow, QWidget* parent = nullptr);
    void enter() override;

private:
    enum class State { Importing, Failed, Done };
    void showState(State state); // its heading, its line, its buttons

    QLabel* state_ = nullptr;
    QLabel* failed_ = nullptr; // what [再試行] and [閉じる] do after a failure
    QWidget* done_ = nullptr;  // the notes after a successful import
    QPushButton* close_ = nullptr;
    QPushButton* retry_ = nullptr;
};

} // namespace enroll::client
