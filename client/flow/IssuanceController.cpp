#include "flow/IssuanceController.h"

#include "flow/FlowText.h"

#include <QJsonArray>
#include <QOperatingSystemVersion>
#include <QPointer>
#include <QThreadPool>

#include <memory>
#include <utility>

namespace enroll::client {
namespace {

namespace json = protocol::json;
namespace path = protocol::path;

// Windows reads AES-256 PKCS#12 only from 10 1709; the portable store reads anything.
Pkcs12Encoding encodingForThisPc()
{
#ifdef Q_OS_WIN
    const auto v = QOperatingSystemVersion::current();
    return pkcs12EncodingFor({static_cast<unsigned>(v.majorVersion()), static_cast<unsigned>(v.minorVersion()),
                              static_cast<unsigned>(v.microVersion())});
#else
    return Pkcs12Encoding::Aes256Sha256;
#endif
}

} // namespace

IssuanceController::IssuanceController(WizardSession& session, KeyType keyType, QObject* parent)
    : QObject(parent), session_(session), keyType_(keyType)
{
    connect(&session_, &WizardSession::cancelled, this, &IssuanceController::forget);
}

void IssuanceController::forget()
{
    resuming_ = false;
    userId_.clear();
    enrollmentId_.clear();
    maskedEmail_.clear();
    issuanceToken_.clear();
    currentPassword_.clear();
    issued_ = {};
}

void IssuanceController::fail(const ApiResult& result)
{
    resuming_ = false;
    session_.fail(result);
}

void IssuanceController::fail(const QString& message)
{
    resuming_ = false;
    session_.fail(message);
}

void IssuanceController::start(const QString& userId)
{
    userId_ = userId;
    session_.go(WizardSession::Page::UserAuthentication);
}

void IssuanceController::submitAuthentication(const QString& userId, const QString& password)
{
    const protocol::AuthenticateRequest request{userId.toStdString(), SecureString(password.toStdString())};
    if (session_.busy() || !session_.showErrors(protocol::validate(request))) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(
        flowText(path::kAuthenticate), {{flowText(json::kUserId), userId}, {flowText(json::kPassword), password}}, {},
        session_.guarded([this, userId, password](const ApiResult& r) {
            if (r.code == ErrorCode::PasswordChangeRequired) {
                // a general user's first use: its own password replaces the master's
                userId_ = userId;
                currentPassword_ = SecureString(password.toStdString());
                session_.go(WizardSession::Page::PasswordChange);
                return;
            }
            if (!r.ok()) {
                fail(r);
                return;
            }
            userId_ = userId;
            currentPassword_.clear();
            enrollmentId_ = r.text("enrollmentId");
            maskedEmail_ = r.text("maskedEmail");
            codeExpiresAt_ = japanTimeOf(r.text("codeExpiresAt"));
            emit codeExpiryChanged();
            session_.go(WizardSession::Page::CodeEntry);
        }));
}

void IssuanceController::submitPasswordChange(const QString& newPassword, const QString& newPasswordAgain)
{
    const protocol::PasswordChangeRequest request{userId_.toStdString(), currentPassword_,
                                                  SecureString(newPassword.toStdString())};
    if (session_.busy() ||
        !session_.showErrors(protocol::validatePasswordChangeForm(request, newPasswordAgain.toStdString()))) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(flowText(path::kChangePassword),
                        {{flowText(json::kUserId), userId_},
                         {flowText(json::kPassword), secretText(currentPassword_)},
                         {flowText(json::kNewPassword), newPassword}},
                        {}, session_.guarded([this, newPassword](const ApiResult& r) {
                            if (!r.ok()) {
                                fail(r);
                                return;
                            }
                            currentPassword_.clear();
                            emit session_.noticeChanged(tr("Your new password is registered."));
                            submitAuthentication(userId_, newPassword); // on to the authentication code
                        }));
}

void IssuanceController::resendCode()
{
    if (session_.busy()) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(flowText(path::kResend), {{flowText(json::kEnrollmentId), enrollmentId_}}, {},
                        session_.guarded([this](const ApiResult& r) {
                            if (!r.ok()) {
                                fail(r);
                                return;
                            }
                            codeExpiresAt_ = japanTimeOf(r.text("codeExpiresAt"));
                            emit codeExpiryChanged();
                            emit session_.messageChanged({});
                            emit session_.noticeChanged(tr("A new authentication code was sent to %1.").arg(maskedEmail_));
                        }));
}

void IssuanceController::submitCode(const QString& code)
{
    const protocol::VerifyRequest request{enrollmentId_.toStdString(), SecureString(code.toStdString())};
    if (session_.busy() || !session_.showErrors(protocol::validate(request))) {
        return;
    }
    session_.setBusy(true);
    session_.api().post(flowText(path::kVerify),
                        {{flowText(json::kEnrollmentId), enrollmentId_}, {flowText(json::kCode), code}}, {},
                        session_.guarded([this](const ApiResult& r) {
                            if (!r.ok()) {
                                fail(r);
                                return;
                            }
                            issuanceToken_ = SecureString(r.text("issuanceToken").toStdString());
                            session_.go(WizardSession::Page::Issue);
                        }));
}

void IssuanceController::issue()
{
    requestCertificate(flowText(path::kIssue), false);
}

void IssuanceController::renew(const QString& userId, bool silent)
{
    userId_ = userId;
    silentRenewal_ = silent;
    requestCertificate(flowText(path::kRenew), true);
}

// Issue (bearer token) or renew (signed in): the key pair on a worker thread, then the request.
void IssuanceController::requestCertificate(const QString& requestPath, bool renewal)
{
    if (session_.busy()) {
        return;
    }
    session_.go(WizardSession::Page::Issuing);
    session_.setBusy(true);
    emit progressChanged(10, tr("Preparing the certificate's secret key on this PC…"));
    const auto flow = session_.flowId();
    const auto keyType = keyType_;
    const auto commonName = userId_.toStdString();
    QPointer<IssuanceController> self(this);
    QThreadPool::globalInstance()->start([self, flow, keyType, commonName, requestPath, renewal] {
        auto made = std::make_shared<KeyAndRequest>();
        QString error;
        try {
            *made = generateKeyAndRequest(keyType, commonName);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            self,
            [self, flow, made, error, requestPath, renewal] {
                if (!self || flow != self->session_.flowId()) {
                    return;
                }
                if (!error.isEmpty()) {
                    self->fail(tr("The key pair could not be created on this PC."));
                    return;
                }
                emit self->progressChanged(50, tr("The bank is issuing the certificate…"));
                if (renewal && !self->session_.useStoredIdentity()) {
                    self->fail(tr("The certificate on this PC cannot be used to log in."));
                    return;
                }
                QJsonObject body{{flowText(json::kCsr), QString::fromStdString(made->csrPem)}};
                if (renewal && self->silentRenewal_) {
                    body.insert(flowText(json::kSilent), true);
                }
                self->session_.api().post(requestPath, body,
                                          renewal ? QString() : secretText(self->issuanceToken_),
                                          self->session_.guarded([self, made](const ApiResult& r) {
                                              self->session_.api().clearClientIdentity();
                                              if (!r.ok()) {
                                                  self->fail(r);
                                                  return;
                                              }
                                              self->keep(*made, r);
                                          }));
            },
            Qt::QueuedConnection);
    });
}

// The issued certificate with its key as PKCS#12, kept aside (pending) until it is imported and
// confirmed: a closed window or a power cut loses nothing.
void IssuanceController::keep(const KeyAndRequest& made, const ApiResult& r)
{
    emit progressChanged(90, tr("Putting the certificate aside safely until it is installed…"));
    std::vector<std::string> chainPem;
    for (const auto& pem : r.json.value(QStringLiteral("chain")).toArray()) {
        chainPem.push_back(pem.toString().toStdString());
    }
    const auto serial = r.text("serial");
    const auto password = randomSecret();
    QByteArray p12;
    try {
        p12 = QByteArray::fromStdString(buildPkcs12({std::string(made.privateKeyPem.view()), r.text("certificate").toStdString(),
                                                     chainPem, "Rokin " + userId_.toStdString()},
                                                    password, encodingForThisPc()));
    } catch (const std::exception&) {
        fail(tr("The issued certificate does not match the key made on this PC. Please contact the bank."));
        return;
    }
    if (!session_.pending().save(serial, p12, password, issuanceToken_)) {
        fail(tr("The certificate could not be kept safely on this PC (keychain unavailable). Please try again."));
        return;
    }
    const auto facts = certificateFacts(r.text("certificate").toStdString());
    issued_ = {QString::fromStdString(facts.commonName), QString::fromStdString(facts.organizationalUnit), serial,
               japanTimeOf(r.text("notBefore")), japanTimeOf(r.text("notAfter"))};
    emit progressChanged(100, tr("Issued."));
    session_.go(WizardSession::Page::IssueResult);
}

// --- 4.2 step 6: import, confirm ---------------------------------------------------------------------

void IssuanceController::proceedToImport()
{
    if (session_.busy()) {
        return;
    }
    session_.go(WizardSession::Page::Import);
    importAndConfirm(issued_.serial);
}

void IssuanceController::importAndConfirm(const QString& serial)
{
    auto pending = session_.pending().load(serial);
    if (!pending) {
        fail(tr("The certificate waiting for import could not be read. Please contact the bank."));
        return;
    }
    session_.setBusy(true);
    // imported already (the program stopped before the confirmation)?
    for (const auto& existing : session_.store().find({})) {
        if (existing.serial == serial) {
            confirm(serial, existing, !issuanceToken_.empty());
            return;
        }
    }
    const auto imported = session_.store().importPkcs12(pending->pkcs12, pending->password);
    if (!imported.ok()) {
        switch (imported.kind) {
        case StoreResult::Kind::AccessDenied:
            fail(tr("Windows did not allow the certificate to be stored. Please contact your administrator."));
            break;
        case StoreResult::Kind::Full:
            fail(tr("The certificate store is full. Please contact your administrator."));
            break;
        case StoreResult::Kind::Unavailable:
            fail(tr("The certificate store cannot be used right now. Please try again."));
            break;
        default:
            fail(tr("The certificate could not be imported. Please contact the bank."));
            break;
        }
        return;
    }
    confirm(serial, imported.certificate, !issuanceToken_.empty());
}

void IssuanceController::confirm(const QString& serial, const StoredCertificate& stored, bool viaToken)
{
    auto done = [this, serial, stored](const ApiResult& r) {
        if (!r.ok()) {
            fail(r);
            return;
        }
        finishImport(serial, stored);
    };
    auto& api = session_.api();
    if (viaToken) {
        api.post(flowText(path::kConfirm), {{flowText(json::kSerial), serial}}, secretText(issuanceToken_),
                 session_.guarded([this, serial, stored, done](const ApiResult& r) {
                     // the token expired or was used: the new certificate can confirm itself
                     if (r.code == ErrorCode::TokenInvalid) {
                         issuanceToken_.clear();
                         session_.setBusy(true);
                         confirm(serial, stored, false);
                         return;
                     }
                     done(r);
                 }));
        return;
    }
    (void)session_.presentCertificate(stored.thumbprint);
    api.post(flowText(path::kConfirm), {{flowText(json::kSerial), serial}}, {},
             session_.guarded([this, done](const ApiResult& r) {
                 session_.api().clearClientIdentity();
                 done(r);
             }));
}

void IssuanceController::finishImport(const QString& serial, const StoredCertificate& stored)
{
    session_.forgetStoredIdentity(); // a renewal: sign in with the new one from now on
    session_.pending().wipe(serial);
    issuanceToken_.clear();
    removeSuperseded(stored);
    session_.memo().setHolder(stored.userId);
    emit session_.certificateStatusChanged();
    if (std::exchange(resuming_, false)) {
        emit session_.noticeChanged(tr("The certificate interrupted last time was imported correctly."));
    }
    if (session_.page() == WizardSession::Page::Import) {
        session_.go(WizardSession::Page::Done);
    }
}

void IssuanceController::removeSuperseded(const StoredCertificate& current)
{
    // After a confirmed renewal the old certificate is of no use: nobody should delete it by hand.
    for (const auto& other : session_.store().find(current.issuer)) {
        if (other.userId == current.userId && other.thumbprint != current.thumbprint && other.notAfter <= current.notAfter) {
            session_.store().remove(other.thumbprint);
        }
    }
}

void IssuanceController::resumePendingImports()
{
    const auto serials = session_.pending().serials();
    if (serials.isEmpty() || session_.busy()) {
        return;
    }
    emit session_.noticeChanged(tr("Finishing the import of a certificate that was interrupted last time…"));
    const auto serial = serials.first();
    auto pending = session_.pending().load(serial);
    if (!pending) {
        fail(tr("A certificate interrupted last time could not be read. Please issue it again."));
        return;
    }
    const auto imported = [&]() -> StoreResult {
        for (const auto& existing : session_.store().find({})) {
            if (existing.serial == serial) {
                return StoreResult{StoreResult::Kind::Ok, existing, {}};
            }
        }
        return session_.store().importPkcs12(pending->pkcs12, pending->password);
    }();
    if (!imported.ok()) {
        fail(tr("A certificate interrupted last time could not be imported. Please issue it again."));
        return;
    }
    // by the issuance token while it lives, else by the new certificate itself (mTLS)
    issuanceToken_ = pending->issuanceToken;
    session_.setBusy(true);
    resuming_ = true;
    confirm(serial, imported.certificate, !issuanceToken_.empty());
}

} // namespace enroll::client
