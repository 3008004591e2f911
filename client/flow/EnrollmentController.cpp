#include "flow/EnrollmentController.h"

#include "enroll/CertificateValidity.h"
#include "enroll/Protocol.h"
#include "enroll/RuleText.h"
#include "flow/ErrorText.h"

#include <QJsonArray>
#include <QOperatingSystemVersion>
#include <QPointer>
#include <QThreadPool>
#include <QTimeZone>

#include <memory>
#include <utility>

namespace enroll::client {
namespace {

namespace json = protocol::json;
namespace path = protocol::path;

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString k(std::string_view s)
{
    return q(s);
}

QDateTime timeOf(const QString& rfc3339)
{
    const auto t = parseRfc3339(rfc3339.toStdString());
    return t ? QDateTime::fromSecsSinceEpoch(t->time_since_epoch().count(), QTimeZone(9 * 3600)) : QDateTime();
}

QString secretText(const SecureString& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

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

FieldErrors fieldErrorsOf(const ApiResult& result)
{
    FieldErrors errors;
    for (const auto& value : result.json.value(k(json::kFields)).toArray()) {
        const auto field = fieldFromWire(value.toObject().value(k(json::kField)).toString().toStdString());
        const auto rule = ruleFromWire(value.toObject().value(k(json::kRule)).toString().toStdString());
        if (field && rule) {
            errors.push_back({*field, *rule});
        }
    }
    return errors;
}

} // namespace

EnrollmentController::EnrollmentController(ApiClient& api, CertificateStore& store, PendingImports& pending,
                                           Language language, KeyType keyType, QObject* parent)
    : QObject(parent), api_(api), store_(store), pending_(pending), language_(language), keyType_(keyType)
{
}

template <typename F>
ApiClient::Callback EnrollmentController::guarded(F&& f)
{
    return [this, flow = flow_, self = QPointer<EnrollmentController>(this), f = std::forward<F>(f)](const ApiResult& r) {
        if (!self || flow != flow_) {
            return; // cancelled meanwhile
        }
        setBusy(false);
        f(r);
    };
}

void EnrollmentController::go(Page page)
{
    page_ = page;
    emit messageChanged({});
    emit fieldErrorsChanged({});
    emit pageChanged(page);
}

void EnrollmentController::setBusy(bool busy)
{
    if (busy_ != busy) {
        busy_ = busy;
        emit busyChanged(busy);
    }
}

bool EnrollmentController::showErrors(FieldErrors errors)
{
    emit fieldErrorsChanged(errors);
    return errors.empty();
}

void EnrollmentController::fail(const ApiResult& result)
{
    if (result.code == ErrorCode::InvalidInput) {
        const auto errors = fieldErrorsOf(result);
        if (!errors.empty()) {
            emit fieldErrorsChanged(errors);
        }
    }
    fail(ErrorText::forResult(result, language_));
}

void EnrollmentController::fail(const QString& message)
{
    setBusy(false);
    resuming_ = false;
    emit messageChanged(message);
}

std::pair<int, int> EnrollmentController::step() const
{
    switch (page_) {
    case Page::Start:
        return {0, 0};
    case Page::ContractLogin:
        return {1, 3};
    case Page::Registration:
        return {2, 3};
    case Page::RegistrationResult:
        return {3, 3};
    case Page::UserAuthentication:
    case Page::PasswordChange:
        return {1, 6};
    case Page::CodeEntry:
        return {2, 6};
    case Page::Issue:
        return {3, 6};
    case Page::Issuing:
        return {4, 6};
    case Page::IssueResult:
        return {5, 6};
    case Page::Import:
    case Page::Done:
        return {6, 6};
    case Page::Account:
    case Page::Users:
        return {0, 0};
    }
    return {0, 0};
}

CertificateStatus EnrollmentController::certificateStatus() const
{
    return certificateStatusOf(store_.find({}), QDateTime::currentDateTimeUtc());
}

// --- navigation -------------------------------------------------------------------------------

void EnrollmentController::cancel()
{
    ++flow_;
    setBusy(false);
    masterFlow_ = false;
    employerName_.clear();
    registrationToken_.clear();
    registered_ = {};
    userId_.clear();
    enrollmentId_.clear();
    maskedEmail_.clear();
    issuanceToken_.clear();
    currentPassword_.clear();
    issued_ = {};
    account_ = {};
    users_.clear();
    signedInThumbprint_.clear();
    go(Page::Start);
    emit certificateStatusChanged();
}

void EnrollmentController::startMasterRegistration()
{
    masterFlow_ = true;
    go(Page::ContractLogin);
}

void EnrollmentController::startIssuance()
{
    masterFlow_ = false;
    go(Page::UserAuthentication);
}

void EnrollmentController::continueToIssuance()
{
    userId_ = registered_.userId;
    go(Page::UserAuthentication);
}

// --- 4.1 ----------------------------------------------------------------------------------------

void EnrollmentController::submitContractLogin(const QString& contractNumber, const QString& initialPassword)
{
    const protocol::ContractLoginRequest request{contractNumber.toStdString(), SecureString(initialPassword.toStdString())};
    if (busy_ || !showErrors(protocol::validate(request))) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kContractLogin),
              {{k(json::kContractNumber), contractNumber}, {k(json::kInitialPassword), initialPassword}}, {},
              guarded([this](const ApiResult& r) {
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  registrationToken_ = SecureString(r.text("registrationToken").toStdString());
                  employerName_ = r.text("employerName");
                  go(Page::Registration);
              }));
}

void EnrollmentController::submitRegistration(const RegistrationForm& form)
{
    const protocol::RegistrationRequest request{form.userId.toStdString(), SecureString(form.password.toStdString()),
                                                form.userName.toStdString(), form.email.toStdString()};
    if (busy_ || !showErrors(protocol::validateRegistrationForm(request, form.passwordAgain.toStdString(),
                                                                 form.emailAgain.toStdString()))) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kMasterRegister),
              {{k(json::kUserId), form.userId},
               {k(json::kPassword), form.password},
               {k(json::kUserName), form.userName},
               {k(json::kEmail), form.email}},
              secretText(registrationToken_), guarded([this](const ApiResult& r) {
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  registered_ = {r.text("userId"), r.text("userName"), r.text("email")};
                  registrationToken_.clear();
                  go(Page::RegistrationResult);
              }));
}

// --- 4.2 ----------------------------------------------------------------------------------------

void EnrollmentController::submitAuthentication(const QString& userId, const QString& password)
{
    const protocol::AuthenticateRequest request{userId.toStdString(), SecureString(password.toStdString())};
    if (busy_ || !showErrors(protocol::validate(request))) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kAuthenticate), {{k(json::kUserId), userId}, {k(json::kPassword), password}}, {},
              guarded([this, userId, password](const ApiResult& r) {
                  if (r.code == ErrorCode::PasswordChangeRequired) {
                      // a general user's first use: its own password replaces the master's
                      userId_ = userId;
                      currentPassword_ = SecureString(password.toStdString());
                      go(Page::PasswordChange);
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
                  codeExpiresAt_ = timeOf(r.text("codeExpiresAt"));
                  emit codeExpiryChanged();
                  go(Page::CodeEntry);
              }));
}

void EnrollmentController::submitPasswordChange(const QString& newPassword, const QString& newPasswordAgain)
{
    const protocol::PasswordChangeRequest request{userId_.toStdString(), currentPassword_,
                                                  SecureString(newPassword.toStdString())};
    if (busy_ || !showErrors(protocol::validatePasswordChangeForm(request, newPasswordAgain.toStdString()))) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kChangePassword),
              {{k(json::kUserId), userId_}, {k(json::kPassword), secretText(currentPassword_)}, {k(json::kNewPassword), newPassword}},
              {}, guarded([this, newPassword](const ApiResult& r) {
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  currentPassword_.clear();
                  emit noticeChanged(tr("Your new password is registered."));
                  submitAuthentication(userId_, newPassword); // on to the authentication code
              }));
}

void EnrollmentController::resendCode()
{
    if (busy_) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kResend), {{k(json::kEnrollmentId), enrollmentId_}}, {}, guarded([this](const ApiResult& r) {
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  codeExpiresAt_ = timeOf(r.text("codeExpiresAt"));
                  emit codeExpiryChanged();
                  emit messageChanged({});
                  emit noticeChanged(tr("A new authentication code was sent to %1.").arg(maskedEmail_));
              }));
}

void EnrollmentController::submitCode(const QString& code)
{
    const protocol::VerifyRequest request{enrollmentId_.toStdString(), SecureString(code.toStdString())};
    if (busy_ || !showErrors(protocol::validate(request))) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kVerify), {{k(json::kEnrollmentId), enrollmentId_}, {k(json::kCode), code}}, {},
              guarded([this](const ApiResult& r) {
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  issuanceToken_ = SecureString(r.text("issuanceToken").toStdString());
                  go(Page::Issue);
              }));
}

void EnrollmentController::issue()
{
    requestCertificate(q(path::kIssue), false);
}

void EnrollmentController::renew()
{
    if (!account_.renewalOpen) {
        return;
    }
    userId_ = account_.userId;
    requestCertificate(q(path::kRenew), true);
}

// Issue (bearer token) or renew (signed in): the key pair on a worker thread, then the request.
void EnrollmentController::requestCertificate(const QString& requestPath, bool renewal)
{
    if (busy_) {
        return;
    }
    go(Page::Issuing);
    setBusy(true);
    emit progressChanged(10, tr("Preparing the certificate's secret key on this PC…"));
    const auto flow = flow_;
    const auto keyType = keyType_;
    const auto commonName = userId_.toStdString();
    QPointer<EnrollmentController> self(this);
    QThreadPool::globalInstance()->start([self, flow, keyType, commonName, requestPath, renewal] {
        auto made = std::make_shared<KeyAndRequest>();
        QString error;
        try {
            *made = generateKeyAndRequest(keyType, commonName);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            self, [self, flow, made, error, requestPath, renewal] {
                if (!self || flow != self->flow_) {
                    return;
                }
                if (!error.isEmpty()) {
                    self->fail(tr("The key pair could not be created on this PC."));
                    return;
                }
                emit self->progressChanged(50, tr("The bank is issuing the certificate…"));
                if (renewal && !self->useStoredIdentity()) {
                                    self->fail(tr("The certificate on this PC cannot be used to sign in."));
                                    return;
                }
                self->api_.post(requestPath, {{k(json::kCsr), QString::fromStdString(made->csrPem)}},
                                renewal ? QString() : secretText(self->issuanceToken_),
                                self->guarded([self, made](const ApiResult& r) {
                                    self->api_.clearClientIdentity();
                                    if (!r.ok()) {
                                        self->fail(r);
                                        return;
                                    }
                                    emit self->progressChanged(90, tr("Putting the certificate aside safely until it is installed…"));
                                    std::vector<std::string> chainPem;
                                    for (const auto& pem : r.json.value(QStringLiteral("chain")).toArray()) {
                                        chainPem.push_back(pem.toString().toStdString());
                                    }
                                    const auto serial = r.text("serial");
                                    const auto password = randomSecret();
                                    QByteArray p12;
                                    try {
                                        p12 = QByteArray::fromStdString(buildPkcs12(
                                            {std::string(made->privateKeyPem.view()), r.text("certificate").toStdString(),
                                             chainPem, "Rokin " + self->userId_.toStdString()},
                                            password, encodingForThisPc()));
                                    } catch (const std::exception&) {
                                        self->fail(tr("The issued certificate does not match the key made on this PC. "
                                                      "Please contact the bank."));
                                        return;
                                    }
                                    if (!self->pending_.save(serial, p12, password, self->issuanceToken_)) {
                                        self->fail(tr("The certificate could not be kept safely on this PC (keychain "
                                                      "unavailable). Please try again."));
                                        return;
                                    }
                                    const auto facts = certificateFacts(r.text("certificate").toStdString());
                                    self->issued_ = {QString::fromStdString(facts.commonName),
                                                     QString::fromStdString(facts.organizationalUnit), serial,
                                                     timeOf(r.text("notBefore")), timeOf(r.text("notAfter"))};
                                    emit self->progressChanged(100, tr("Issued."));
                                    self->go(Page::IssueResult);
                                }));
            },
            Qt::QueuedConnection);
    });
}

// --- 4.2 step 6: import, confirm ---------------------------------------------------------------------

void EnrollmentController::proceedToImport()
{
    if (busy_) {
        return;
    }
    go(Page::Import);
    importAndConfirm(issued_.serial);
}

void EnrollmentController::importAndConfirm(const QString& serial)
{
    auto pending = pending_.load(serial);
    if (!pending) {
        fail(tr("The certificate waiting for import could not be read. Please contact the bank."));
        return;
    }
    setBusy(true);
    // imported already (the program stopped before the confirmation)?
    for (const auto& existing : store_.find({})) {
        if (existing.serial == serial) {
            confirm(serial, existing, !issuanceToken_.empty());
            return;
        }
    }
    const auto imported = store_.importPkcs12(pending->pkcs12, pending->password);
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

void EnrollmentController::confirm(const QString& serial, const StoredCertificate& stored, bool viaToken)
{
    auto done = [this, serial, stored](const ApiResult& r) {
        if (!r.ok()) {
            fail(r);
            return;
        }
        finishImport(serial, stored);
    };
    if (viaToken) {
        api_.post(q(path::kConfirm), {{k(json::kSerial), serial}}, secretText(issuanceToken_),
                  guarded([this, serial, stored, done](const ApiResult& r) {
                      // the token expired or was used: the new certificate can confirm itself
                      if (r.code == ErrorCode::TokenInvalid) {
                          issuanceToken_.clear();
                          setBusy(true);
                          confirm(serial, stored, false);
                          return;
                      }
                      done(r);
                  }));
        return;
    }
    (void)presentCertificate(stored.thumbprint);
    api_.post(q(path::kConfirm), {{k(json::kSerial), serial}}, {}, guarded([this, done](const ApiResult& r) {
                  api_.clearClientIdentity();
                  done(r);
              }));
}

void EnrollmentController::finishImport(const QString& serial, const StoredCertificate& stored)
{
    signedInThumbprint_.clear(); // a renewal: sign in with the new one from now on
    pending_.wipe(serial);
    issuanceToken_.clear();
    removeSuperseded(stored);
    emit certificateStatusChanged();
    if (std::exchange(resuming_, false)) {
        emit noticeChanged(tr("The certificate interrupted last time was imported correctly."));
    }
    if (page_ == Page::Import) {
        go(Page::Done);
    }
}

void EnrollmentController::removeSuperseded(const StoredCertificate& current)
{
    // After a confirmed renewal the old certificate is of no use: nobody should delete it by hand.
    for (const auto& other : store_.find(current.issuer)) {
        if (other.userId == current.userId && other.thumbprint != current.thumbprint && other.notAfter <= current.notAfter) {
            store_.remove(other.thumbprint);
        }
    }
}

void EnrollmentController::resumePendingImports()
{
    const auto serials = pending_.serials();
    if (serials.isEmpty() || busy_) {
        return;
    }
    emit noticeChanged(tr("Finishing the import of a certificate that was interrupted last time…"));
    const auto serial = serials.first();
    auto pending = pending_.load(serial);
    if (!pending) {
        fail(tr("A certificate interrupted last time could not be read. Please issue it again."));
        return;
    }
    const auto imported = [&]() -> StoreResult {
        for (const auto& existing : store_.find({})) {
            if (existing.serial == serial) {
                return StoreResult{StoreResult::Kind::Ok, existing, {}};
            }
        }
        return store_.importPkcs12(pending->pkcs12, pending->password);
    }();
    if (!imported.ok()) {
        fail(tr("A certificate interrupted last time could not be imported. Please issue it again."));
        return;
    }
    // by the issuance token while it lives, else by the new certificate itself (mTLS)
    issuanceToken_ = pending->issuanceToken;
    setBusy(true);
    resuming_ = true;
    confirm(serial, imported.certificate, !issuanceToken_.empty());
}

// --- 4.4 signed in --------------------------------------------------------------------------------

bool EnrollmentController::useStoredIdentity()
{
    if (signedInThumbprint_.isEmpty()) {
        const auto status = store_.find({});
        const StoredCertificate* newest = nullptr;
        for (const auto& c : status) {
            if (newest == nullptr || c.notAfter > newest->notAfter) {
                newest = &c;
            }
        }
        if (newest == nullptr) {
            return false;
        }
        signedInThumbprint_ = newest->thumbprint;
    }
    return presentCertificate(signedInThumbprint_);
}

bool EnrollmentController::presentCertificate(const QString& thumbprint)
{
    if (store_.keyStaysInStore()) {
        api_.useStoreCertificate(thumbprint); // Windows: the key is used in place (WinHTTP)
        return true;
    }
    const auto identity = store_.identity(thumbprint);
    if (!identity) {
        return false;
    }
    api_.setClientIdentity(identity->certificate, identity->key);
    return true;
}

void EnrollmentController::signIn()
{
    if (busy_) {
        return;
    }
    signedInThumbprint_.clear();
    if (!certificateStatus().present) {
        fail(tr("This Windows account holds no electronic certificate from the bank. Please issue one first."));
        return;
    }
    loadAccount(true);
}

void EnrollmentController::loadAccount(bool show)
{
    if (!useStoredIdentity()) {
        fail(tr("The certificate on this PC cannot be used to sign in."));
        return;
    }
    setBusy(true);
    api_.get(q(path::kMe), guarded([this, show](const ApiResult& r) {
                 api_.clearClientIdentity();
                 if (!r.ok()) {
                     fail(r);
                     return;
                 }
                 const auto cert = r.json.value(k(json::kCertificate)).toObject();
                 account_ = {r.text("userId"),
                             r.text("userName"),
                             r.text("email"),
                             r.text("role"),
                             r.text("contractNumber"),
                             cert.value(k(json::kSerial)).toString(),
                             timeOf(cert.value(k(json::kNotAfter)).toString()),
                             timeOf(cert.value(k(json::kRenewableFrom)).toString()),
                             cert.value(k(json::kRenewalOpen)).toBool()};
                 if (show) {
                     go(Page::Account);
                 } else {
                     emit accountChanged();
                 }
             }));
}

void EnrollmentController::changeProfile(const QString& userName, const QString& email, const QString& password)
{
    protocol::ProfileChangeRequest request;
    if (userName != account_.userName) {
        request.userName = userName.toStdString();
    }
    if (email != account_.email) {
        request.email = email.toStdString();
    }
    request.password = SecureString(password.toStdString());
    if (busy_ || !showErrors(protocol::validate(request))) {
        return;
    }
    if (!useStoredIdentity()) {
        fail(tr("The certificate on this PC cannot be used to sign in."));
        return;
    }
    QJsonObject body{{k(json::kPassword), password}};
    if (request.userName) {
        body.insert(k(json::kUserName), userName);
    }
    if (request.email) {
        body.insert(k(json::kEmail), email);
    }
    setBusy(true);
    api_.send(QStringLiteral("PATCH"), q(path::kMe), body, guarded([this](const ApiResult& r) {
                  api_.clearClientIdentity();
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  account_.userName = r.text("userName");
                  account_.email = r.text("email");
                  emit accountChanged();
                  emit noticeChanged(tr("Your user information was changed."));
              }));
}

void EnrollmentController::showUsers()
{
    if (busy_ || !account_.isMaster() || !useStoredIdentity()) {
        return;
    }
    setBusy(true);
    api_.get(q(path::kUsers), guarded([this](const ApiResult& r) {
                 api_.clearClientIdentity();
                 if (!r.ok()) {
                     fail(r);
                     return;
                 }
                 users_.clear();
                 for (const auto& value : r.json.value(k(json::kUsers)).toArray()) {
                     const auto u = value.toObject();
                     users_.push_back({u.value(k(json::kUserId)).toString(), u.value(k(json::kUserName)).toString(),
                                       u.value(k(json::kEmail)).toString(), u.value(k(json::kRole)).toString(),
                                       u.value(k(json::kState)).toString(),
                                       timeOf(u.value(k(json::kCertificateNotAfter)).toString())});
                 }
                 if (page_ == Page::Users) {
                     emit usersChanged();
                 } else {
                     go(Page::Users);
                 }
             }));
}

void EnrollmentController::registerGeneralUser(const GeneralUserForm& form)
{
    const protocol::GeneralUserRequest request{form.userId.toStdString(), SecureString(form.initialPassword.toStdString()),
                                               form.userName.toStdString(), form.email.toStdString()};
    if (busy_ || !showErrors(protocol::validateGeneralUserForm(request, form.emailAgain.toStdString())) ||
        !useStoredIdentity()) {
        return;
    }
    setBusy(true);
    api_.post(q(path::kUsers),
              {{k(json::kUserId), form.userId},
               {k(json::kInitialPassword), form.initialPassword},
               {k(json::kUserName), form.userName},
               {k(json::kEmail), form.email}},
              {}, guarded([this, userId = form.userId](const ApiResult& r) {
                  api_.clearClientIdentity();
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  emit noticeChanged(tr("%1 was registered. Tell the user the initial password; it must be changed at "
                                        "the first use.").arg(userId));
                  showUsers();
              }));
}

void EnrollmentController::disableUser(const QString& userId)
{
    if (busy_ || !useStoredIdentity()) {
        return;
    }
    setBusy(true);
    api_.send(QStringLiteral("DELETE"), q(path::kUsers) + QLatin1Char('/') + userId, {},
              guarded([this, userId](const ApiResult& r) {
                  api_.clearClientIdentity();
                  if (!r.ok()) {
                      fail(r);
                      return;
                  }
                  emit noticeChanged(tr("%1 was disabled; its certificate is revoked.").arg(userId));
                  showUsers();
              }));
}

void EnrollmentController::backToAccount()
{
    go(Page::Account);
}

} // namespace enroll::client
