// What the wizard's flows share (SPEC §4.0): the API client, the certificate store, the pending
// imports, the language; which page is showing, whether a request is on its way, the messages and
// field errors of the page, who is signed in, and [キャンセル]. The flows' controllers
// (registration, issuance, account, users) drive it; pages display it. No widget here.
#pragma once

#include "enroll/InputRules.h"
#include "enroll/Language.h"
#include "flow/ApiClient.h"
#include "flow/CertificateStatus.h"
#include "store/CertificateStore.h"
#include "store/PendingImport.h"
#include "store/RenewalMemo.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include <utility>

namespace enroll::client {

// Signed in (SPEC §4.4): what GET /me says.
struct SignedInAccount
{
    QString userId;
    QString userName;
    QString email;
    QString role; // "master" / "general"
    QString contractNumber;
    QString serial;
    QDateTime notAfter;
    QDateTime renewableFrom;
    bool renewalOpen = false;
    bool silentRenewal = true; // the bank lets the PC renew by itself at logon
    RenewalHours renewalHours; // in these hours of the day (Japan time)
    [[nodiscard]] bool isMaster() const { return role == QLatin1String("master"); }
};

class WizardSession : public QObject
{
    Q_OBJECT
public:
    enum class Page {
        Start,
        ContractLogin,      // 初期登録ログイン
        Registration,       // 登録内容入力
        RegistrationResult, // 登録結果
        UserAuthentication, // ユーザー認証
        PasswordChange,     // パスワード変更 (a general user's first use)
        CodeEntry,          // 認証コード入力
        Issue,              // 発行
        Issuing,            // 発行中
        IssueResult,        // 発行結果
        Import,             // インポート
        Done,
        Account,            // signed in: my account
        Users,              // signed in as master: the contract's users
    };
    Q_ENUM(Page)

    WizardSession(ApiClient& api, CertificateStore& store, PendingImports& pending, RenewalMemo& memo,
                  Language language, QObject* parent = nullptr);

    [[nodiscard]] Page page() const { return page_; }
    [[nodiscard]] bool busy() const { return busy_; }
    [[nodiscard]] Language language() const { return language_; }
    [[nodiscard]] CertificateStatus certificateStatus() const;
    // the step bar: the flow and the manual's number of the step the page is (■マスターユーザーの
    // 初期登録 ③ 初期登録ログイン ④ 登録内容入力 ⑤ 登録実行 ⑥ 登録結果; ■電子証明書発行 ①…⑥); no flow on
    // the start page and the signed-in pages
    enum class Flow { None, MasterRegistration, Issuance };
    struct Step
    {
        Flow flow = Flow::None;
        int number = 0;
    };
    [[nodiscard]] Step step() const;
    [[nodiscard]] const SignedInAccount& account() const { return account_; }

    // --- for the flows' controllers ---
    [[nodiscard]] ApiClient& api() { return api_; }
    [[nodiscard]] CertificateStore& store() { return store_; }
    [[nodiscard]] PendingImports& pending() { return pending_; }
    [[nodiscard]] RenewalMemo& memo() { return memo_; }
    SignedInAccount& signedIn() { return account_; } // the account controller keeps it
    void go(Page page);
    void setBusy(bool busy);
    // Shows the errors on their fields; true when there are none.
    bool showErrors(FieldErrors errors);
    void fail(const ApiResult& result); // the error on its fields, and its message
    void fail(const QString& message);
    // what the last failed call ran into (nullopt: the last failure was not a call's)
    [[nodiscard]] std::optional<ApiResult::Kind> lastFailure() const { return lastFailure_; }
    // An API callback that is dropped when the flow was cancelled meanwhile; it ends `busy`.
    template <typename F>
    ApiClient::Callback guarded(F&& f);
    // True while the flow that started a piece of work (flowId()) is still the current one.
    [[nodiscard]] quint64 flowId() const { return flow_; }
    // The next requests go out with the newest certificate of this account (mutual TLS), or with
    // the one given; false when it cannot be used.
    bool useStoredIdentity();
    bool presentCertificate(const QString& thumbprint);
    void forgetStoredIdentity() { signedInThumbprint_.clear(); }

public slots:
    void cancel(); // [キャンセル]: back to the start page, every flow abandoned
    // What the logon task (rokin-enroll --renew) left to say, as a notice, once.
    void showRenewalNotice();

signals:
    void pageChanged(enroll::client::WizardSession::Page page);
    void busyChanged(bool busy);
    void fieldErrorsChanged(const enroll::FieldErrors& errors);
    void messageChanged(const QString& message); // page-level error or notice; empty clears it
    void noticeChanged(const QString& notice);   // informational (code resent, import resumed)
    void cancelled();                            // the controllers forget their flow's state
    void certificateStatusChanged();

private:
    void report(const QString& message, std::optional<ApiResult::Kind> failure);

    ApiClient& api_;
    std::optional<ApiResult::Kind> lastFailure_;
    CertificateStore& store_;
    PendingImports& pending_;
    RenewalMemo& memo_;
    Language language_;
    Page page_ = Page::Start;
    bool busy_ = false;
    quint64 flow_ = 0; // bumped by cancel()
    SignedInAccount account_;
    QString signedInThumbprint_;
};

template <typename F>
ApiClient::Callback WizardSession::guarded(F&& f)
{
    return [this, flow = flow_, self = QPointer<WizardSession>(this), f = std::forward<F>(f)](const ApiResult& r) {
        if (!self || flow != flow_) {
            return; // cancelled meanwhile
        }
        setBusy(false);
        f(r);
    };
}

} // namespace enroll::client
