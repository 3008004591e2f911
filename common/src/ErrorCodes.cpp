#include "enroll/ErrorCodes.h"

#include <algorithm>
#include <array>

namespace enroll {
namespace {

// Order follows the enum so that errorInfo() is an index.
constexpr std::array<ErrorInfo, 23> kErrors = {{
    {ErrorCode::InvalidInput, "INVALID_INPUT", 400,
     "入力内容に誤りがあります。各項目の説明をご確認ください。",
     "Some entries are not valid. Please check the message under each field."},
    {ErrorCode::InvalidCredentials, "INVALID_CREDENTIALS", 401,
     "入力された内容では認証できませんでした。入力内容をご確認のうえ、再度入力してください。",
     "We could not sign you in with what you entered. Please check it and try again."},
    {ErrorCode::TokenInvalid, "TOKEN_INVALID", 401,
     "手続きの有効期限が切れました。お手数ですが、最初からやり直してください。",
     "This step has expired. Please start again from the beginning."},
    {ErrorCode::ClientCertRequired, "CLIENT_CERT_REQUIRED", 401,
     "有効な電子証明書が確認できませんでした。電子証明書を発行してください。",
     "No valid electronic certificate was presented. Please issue a certificate first."},
    {ErrorCode::Forbidden, "FORBIDDEN", 403,
     "この操作を行う権限がありません。",
     "You are not allowed to do this."},
    {ErrorCode::PasswordChangeRequired, "PASSWORD_CHANGE_REQUIRED", 403,
     "初回のご利用のため、パスワードの変更が必要です。新しいパスワードを登録してください。",
     "This is your first use: please choose a new password before you continue."},
    {ErrorCode::NotFound, "NOT_FOUND", 404,
     "指定された情報が見つかりません。",
     "What you asked for was not found."},
    {ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405,
     "この操作は受け付けられません。",
     "This operation is not accepted here."},
    {ErrorCode::MasterExists, "MASTER_EXISTS", 409,
     "この契約番号のマスターユーザーは既に登録されています。",
     "A master user is already registered for this contract number."},
    {ErrorCode::UserIdTaken, "USER_ID_TAKEN", 409,
     "入力したユーザーIDは既に使用されています。別のユーザーIDで登録してください。",
     "This user ID is already in use. Please choose another user ID."},
    {ErrorCode::CertAlreadyIssued, "CERT_ALREADY_ISSUED", 409,
     "既に電子証明書が発行されています。有効期限が切れる30日前より更新できます。",
     "A certificate has already been issued. It can be renewed from 30 days before it expires."},
    {ErrorCode::RenewalNotOpen, "RENEWAL_NOT_OPEN", 409,
     "電子証明書の更新はまだできません。有効期限が切れる30日前より更新できます。",
     "The certificate cannot be renewed yet. Renewal opens 30 days before it expires."},
    {ErrorCode::RenewalPending, "RENEWAL_PENDING", 409,
     "電子証明書の更新は既に受け付けています。発行済みの電子証明書のインポートを完了してください。",
     "A renewed certificate has already been issued. Please finish importing it."},
    {ErrorCode::UserLimitReached, "USER_LIMIT_REACHED", 409,
     "この契約で登録できるユーザー数の上限に達しています。",
     "This contract already has the maximum number of users."},
    {ErrorCode::CodeInvalid, "CODE_INVALID", 400,
     "認証コードが正しくありません。メールに記載された認証コードを入力してください。",
     "The authentication code is not correct. Please enter the code from the e-mail."},
    {ErrorCode::CodeExpired, "CODE_EXPIRED", 410,
     "認証コードの有効期限が切れたか、入力誤りの回数が上限に達しました。認証コードを再送信してください。",
     "The authentication code has expired or was entered wrongly too many times. Please request a new code."},
    {ErrorCode::Locked, "LOCKED", 423,
     "パスワードを連続して6回間違えたため、60分間ログイン不可(ロック)になっています。"
     "ロックを3回繰り返すとログイン不可(閉塞)となり、以降ログインできなくなります。",
     "After 6 wrong passwords in a row, login is locked for 60 minutes. After the 3rd lock, login is blocked "
     "for good."},
    {ErrorCode::Blocked, "BLOCKED", 423,
     "ロックを繰り返したため、ログイン不可(閉塞)になっています。労金へお問い合わせください。",
     "Login is blocked after repeated locks. Please contact the bank (Rokin)."},
    {ErrorCode::RateLimited, "RATE_LIMITED", 429,
     "短時間に操作が繰り返されました。しばらく待ってから再度お試しください。",
     "Too many requests in a short time. Please wait a moment and try again."},
    {ErrorCode::MailUnavailable, "MAIL_UNAVAILABLE", 503,
     "現在メールを送信できません。しばらく待ってから再度お試しください。",
     "The e-mail could not be sent right now. Please try again later."},
    {ErrorCode::TooLarge, "TOO_LARGE", 413,
     "送信された内容が大きすぎます。",
     "The request is too large."},
    {ErrorCode::Unavailable, "UNAVAILABLE", 503,
     "現在サービスを利用できません。しばらく待ってから再度お試しください。",
     "The service is not available right now. Please try again later."},
    {ErrorCode::Internal, "INTERNAL", 500,
     "システムエラーが発生しました。しばらく待ってから再度お試しください。解決しない場合は労金へお問い合わせください。",
     "A system error occurred. Please try again later; if it persists, contact the bank (Rokin)."},
}};

constexpr bool tableFollowsEnum()
{
    for (std::size_t i = 0; i < kErrors.size(); ++i) {
        if (static_cast<std::size_t>(kErrors[i].code) != i) {
            return false;
        }
    }
    return true;
}
static_assert(tableFollowsEnum(), "kErrors must list the codes in enum order");
static_assert(kErrors.size() == static_cast<std::size_t>(ErrorCode::Internal) + 1, "every code has a row");

} // namespace

std::span<const ErrorInfo> errorTable()
{
    return kErrors;
}

const ErrorInfo& errorInfo(ErrorCode code)
{
    return kErrors.at(static_cast<std::size_t>(code));
}

std::optional<ErrorCode> errorCodeFromWire(std::string_view wire)
{
    const auto it =
        std::find_if(kErrors.begin(), kErrors.end(), [wire](const ErrorInfo& e) { return e.wire == wire; });
    if (it == kErrors.end()) {
        return std::nullopt;
    }
    return it->code;
}

} // namespace enroll
