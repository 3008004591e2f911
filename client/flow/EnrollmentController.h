// The wizard's brain (SPEC §4.0–4.2): which page is showing, what the user entered and what the
// bank answered, the key pair made on a worker thread, the import and its confirmation. Pages only
// display and forward; everything here runs without a single widget.
#pragma once

#include "crypto/ClientCrypto.h"
#include "enroll/InputRules.h"
#include "enroll/Language.h"
#include "flow/ApiClient.h"
#include "flow/CertificateStatus.h"
#include "store/CertificateStore.h"
#include "store/PendingImport.h"

#include <QDateTime>
#include <QObject>

#include <vector>
#include <QString>

namespace enroll::client {

struct RegistrationForm
{
    QString userId;
    QString password;
    QString passwordAgain;
    QString userName;
    QString email;
    QString emailAgain;
};

struct RegisteredUser
{
    QString userId;
    QString userName;
    QString email;
};

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
    [[nodiscard]] bool isMaster() const { return role == QLatin1String("master"); }
};

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

// 発行結果: whose certificate (its subject's CN and OU), which one, and for how long.
struct IssuedCertificateInfo
{
    QString userId;
    QString contractNumber;
    QString serial;
    QDateTime notBefore;
    QDateTime notAfter;
};


class EnrollmentController : public QObject
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

    EnrollmentController(ApiClient& api, CertificateStore& store, PendingImports& pending, Language language,
                         KeyType keyType = KeyType::Rsa2048, QObject* parent = nullptr);

    [[nodiscard]] Page page() const { return page_; }
    [[nodiscard]] bool busy() const { return busy_; }
    [[nodiscard]] Language language() const { return language_; }
    [[nodiscard]] QString employerName() const { return employerName_; }
    [[nodiscard]] const RegisteredUser& registered() const { return registered_; }
    [[nodiscard]] QString userId() const { return userId_; }
    [[nodiscard]] QString maskedEmail() const { return maskedEmail_; }
    [[nodiscard]] QDateTime codeExpiresAt() const { return codeExpiresAt_; }
    [[nodiscard]] const IssuedCertificateInfo& issued() const { return issued_; }
    [[nodiscard]] CertificateStatus certificateStatus() const;
    [[nodiscard]] const SignedInAccount& account() const { return account_; }
    [[nodiscard]] const std::vector<ContractUserLine>& users() const { return users_; }
    // the step bar: (step, of steps) within the current flow, 0 on the start page
    [[nodiscard]] std::pair<int, int> step() const;

public slots:
    void cancel(); // [キャンセル]: back to the start page, the flow abandoned
    void startMasterRegistration();
    void startIssuance();
    void submitContractLogin(const QString& contractNumber, const QString& initialPassword);
    void submitRegistration(const enroll::client::RegistrationForm& form);
    void continueToIssuance(); // 登録結果 → [電子証明書発行] with the user ID filled in
    void submitAuthentication(const QString& userId, const QString& password);
    void submitPasswordChange(const QString& newPassword, const QString& newPasswordAgain);
    void submitCode(const QString& code);
    void resendCode();
    void issue();
    void proceedToImport();
    // At program start: finishes imports that a closed window or a power cut interrupted.
    void resumePendingImports();

    // ログイン: signed in with this user's certificate from the store (mutual TLS).
    void signIn();
    void changeProfile(const QString& userName, const QString& email, const QString& password);
    void renew(); // inside the window: a new key pair, then the issuance result and import pages
    void showUsers();
    void registerGeneralUser(const enroll::client::GeneralUserForm& form);
    void disableUser(const QString& userId);
    void backToAccount();

signals:
    void pageChanged(enroll::client::EnrollmentController::Page page);
    void busyChanged(bool busy);
    void fieldErrorsChanged(const enroll::FieldErrors& errors);
    void messageChanged(const QString& message); // page-level error or notice; empty clears it
    void noticeChanged(const QString& notice);   // informational (code resent, import resumed)
    void progressChanged(int percent, const QString& step);
    void certificateStatusChanged();
    void codeExpiryChanged(); // a code was sent: codeExpiresAt() is its end
    void accountChanged();
    void usersChanged();

private:
    void go(Page page);
    void setBusy(bool busy);
    bool showErrors(FieldErrors errors);
    void fail(const ApiResult& result);
    void fail(const QString& message);
    // callbacks of an abandoned flow are dropped
    template <typename F>
    ApiClient::Callback guarded(F&& f);
    void importAndConfirm(const QString& serial);
    void requestCertificate(const QString& path, bool renewal);
    bool useStoredIdentity();
    // The next requests go out with this certificate (mutual TLS); false when it cannot be used.
    bool presentCertificate(const QString& thumbprint);
    void loadAccount(bool show);
    void confirm(const QString& serial, const StoredCertificate& stored, bool viaToken);
    void finishImport(const QString& serial, const StoredCertificate& stored);
    void removeSuperseded(const StoredCertificate& current);

    ApiClient& api_;
    CertificateStore& store_;
    PendingImports& pending_;
    Language language_;
    KeyType keyType_;

    Page page_ = Page::Start;
    bool busy_ = false;
    quint64 flow_ = 0; // bumped by cancel()
    bool masterFlow_ = false;
    bool resuming_ = false; // finishing an import interrupted last time
    QString employerName_;
    SecureString registrationToken_;
    RegisteredUser registered_;
    QString userId_;
    QString enrollmentId_;
    QString maskedEmail_;
    QDateTime codeExpiresAt_;
    SecureString issuanceToken_;
    SecureString currentPassword_; // only while a first-use password change is on screen
    IssuedCertificateInfo issued_;
    SignedInAccount account_;
    std::vector<ContractUserLine> users_;
    QString signedInThumbprint_;
};

} // namespace enroll::client
