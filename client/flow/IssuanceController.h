// 電子証明書発行 (SPEC §4.2): user authentication (and a general user's first password change),
// the authentication code, the key pair made on a worker thread, the issuance, the PKCS#12 kept
// aside, the import into the store and its confirmation; a renewal from the signed-in account;
// and, at program start, the imports a closed window or a power cut interrupted.
#pragma once

#include "crypto/ClientCrypto.h"
#include "flow/WizardSession.h"

#include <QDateTime>
#include <QObject>
#include <QString>

namespace enroll::client {

// 発行結果: whose certificate (its subject's CN and OU), which one, and for how long.
struct IssuedCertificateInfo
{
    QString userId;
    QString contractNumber;
    QString serial;
    QDateTime notBefore;
    QDateTime notAfter;
};

class IssuanceController : public QObject
{
    Q_OBJECT
public:
    explicit IssuanceController(WizardSession& session, KeyType keyType = KeyType::Rsa2048, QObject* parent = nullptr);

    [[nodiscard]] QString userId() const { return userId_; }
    [[nodiscard]] QString maskedEmail() const { return maskedEmail_; }
    [[nodiscard]] QDateTime codeExpiresAt() const { return codeExpiresAt_; }
    [[nodiscard]] const IssuedCertificateInfo& issued() const { return issued_; }

public slots:
    // To ユーザー認証, the user ID filled in when known (after the master's registration).
    void start(const QString& userId = {});
    void submitAuthentication(const QString& userId, const QString& password);
    void submitPasswordChange(const QString& newPassword, const QString& newPasswordAgain);
    void submitCode(const QString& code);
    void resendCode();
    void issue();
    // Signed in with the certificate about to lapse: a new key pair, then 発行結果 and インポート.
    void renew(const QString& userId, bool silent);
    void proceedToImport();
    // At program start: finishes imports that a closed window or a power cut interrupted.
    void resumePendingImports();

signals:
    void progressChanged(int percent, const QString& step);
    void codeExpiryChanged(); // a code was sent: codeExpiresAt() is its end

private:
    void forget();
    void fail(const ApiResult& result);
    void fail(const QString& message);
    void requestCertificate(const QString& path, bool renewal);
    void keep(const KeyAndRequest& made, const ApiResult& r);
    void importAndConfirm(const QString& serial);
    void confirm(const QString& serial, const StoredCertificate& stored, bool viaToken);
    void finishImport(const QString& serial, const StoredCertificate& stored);
    void removeSuperseded(const StoredCertificate& current);

    WizardSession& session_;
    KeyType keyType_;
    bool resuming_ = false; // finishing an import interrupted last time
    QString userId_;
    bool silentRenewal_ = false; // the renewal asked by the PC itself (--renew)
    QString enrollmentId_;
    QString maskedEmail_;
    QDateTime codeExpiresAt_;
    SecureString issuanceToken_;
    SecureString currentPassword_; // only while a first-use password change is on screen
    IssuedCertificateInfo issued_;
};

} // namespace enroll::client
