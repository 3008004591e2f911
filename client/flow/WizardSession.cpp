#include "flow/WizardSession.h"

#include "flow/ErrorText.h"
#include "enroll/RuleText.h"
#include "flow/FlowText.h"

#include <QJsonArray>

namespace enroll::client {
namespace {

FieldErrors fieldErrorsOf(const ApiResult& result)
{
    FieldErrors errors;
    for (const auto& value : result.json.value(flowText(protocol::json::kFields)).toArray()) {
        const auto object = value.toObject();
        const auto field = fieldFromWire(object.value(flowText(protocol::json::kField)).toString().toStdString());
        const auto rule = ruleFromWire(object.value(flowText(protocol::json::kRule)).toString().toStdString());
        if (field && rule) {
            errors.push_back({*field, *rule});
        }
    }
    return errors;
}

} // namespace

WizardSession::WizardSession(ApiClient& api, CertificateStore& store, PendingImports& pending, RenewalMemo& memo,
                             Language language, QObject* parent)
    : QObject(parent), api_(api), store_(store), pending_(pending), memo_(memo), language_(language)
{
}

void WizardSession::go(Page page)
{
    page_ = page;
    emit messageChanged({});
    emit fieldErrorsChanged({});
    emit pageChanged(page);
}

void WizardSession::setBusy(bool busy)
{
    if (busy_ != busy) {
        busy_ = busy;
        emit busyChanged(busy);
    }
}

bool WizardSession::showErrors(FieldErrors errors)
{
    emit fieldErrorsChanged(errors);
    return errors.empty();
}

void WizardSession::fail(const ApiResult& result)
{
    if (result.code == ErrorCode::InvalidInput) {
        const auto errors = fieldErrorsOf(result);
        if (!errors.empty()) {
            emit fieldErrorsChanged(errors);
        }
    }
    report(ErrorText::forResult(result, language_), result.kind);
}

void WizardSession::fail(const QString& message)
{
    report(message, std::nullopt);
}

void WizardSession::report(const QString& message, std::optional<ApiResult::Kind> failure)
{
    lastFailure_ = failure; // before the message: its listeners ask what it was
    setBusy(false);
    emit messageChanged(message);
}

WizardSession::Step WizardSession::step() const
{
    switch (page_) {
    case Page::Start:
        return {};
    case Page::ContractLogin: // ①② are the manual's browser and its start page
        return {Flow::MasterRegistration, 3};
    case Page::Registration: // ⑤ 登録実行: [登録] pressed, the bank at work
        return {Flow::MasterRegistration, busy_ ? 5 : 4};
    case Page::RegistrationResult:
        return {Flow::MasterRegistration, 6};
    case Page::UserAuthentication:
    case Page::PasswordChange:
        return {Flow::Issuance, 1};
    case Page::CodeEntry:
        return {Flow::Issuance, 2};
    case Page::Issue:
        return {Flow::Issuance, 3};
    case Page::Issuing:
        return {Flow::Issuance, 4};
    case Page::IssueResult:
        return {Flow::Issuance, 5};
    case Page::Import:
    case Page::Done:
        return {Flow::Issuance, 6};
    case Page::Account:
    case Page::Users:
        return {};
    }
    return {};
}

CertificateStatus WizardSession::certificateStatus() const
{
    return certificateStatusOf(store_.find({}), QDateTime::currentDateTimeUtc());
}

void WizardSession::cancel()
{
    ++flow_;
    setBusy(false);
    account_ = {};
    signedInThumbprint_.clear();
    emit cancelled();
    go(Page::Start);
    emit certificateStatusChanged();
}

void WizardSession::showRenewalNotice()
{
    if (const auto notice = memo_.takeNotice(); !notice.isEmpty()) {
        emit noticeChanged(notice);
    }
}

bool WizardSession::useStoredIdentity()
{
    if (signedInThumbprint_.isEmpty()) {
        const auto certificates = store_.find({});
        const StoredCertificate* newest = nullptr;
        for (const auto& c : certificates) {
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

bool WizardSession::presentCertificate(const QString& thumbprint)
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

} // namespace enroll::client
