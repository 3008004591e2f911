#include "mail/MailTemplates.h"

namespace enroll::server::mails {
namespace {

const char* kFooter = "\n"
                      "※ このメールは送信専用です。ご返信いただいてもお答えできません。\n"
                      "※ お心当たりのない場合は、お手数ですが労金へお問い合わせください。\n"
                      "\n"
                      "ろうきん賃金控除事務支援システム\n";

// "2027年11月26日 23時59分" in JST
std::string japaneseTime(Instant instant)
{
    const auto text = formatRfc3339Jst(instant); // 2027-11-26T23:59:59+09:00
    return text.substr(0, 4) + "年" + text.substr(5, 2) + "月" + text.substr(8, 2) + "日 " + text.substr(11, 2) +
           "時" + text.substr(14, 2) + "分";
}

MailMessage make(const std::string& to, const char* kind, std::string subject, std::string body)
{
    return MailMessage{to, "【ろうきん】" + subject, std::move(body) + kFooter, kind};
}

} // namespace

MailMessage registrationComplete(const std::string& to, const std::string& userId, const std::string& userName)
{
    return make(to, "registration", "ユーザー登録完了のお知らせ",
                userName + " 様\n\n"
                           "ろうきん賃金控除事務支援システムへのユーザー登録が完了しました。\n\n"
                           "ユーザーID: " + userId + "\n\n"
                           "引き続き、ご利用のパソコンで電子証明書の発行を行ってください。\n"
                           "パスワードはお忘れにならないようご注意ください。また第三者に知られることのないように厳重に管理してください。\n");
}

MailMessage oneTimeCode(const std::string& to, const std::string& code, Instant expiresAt)
{
    return make(to, "code", "認証コードのお知らせ",
                "電子証明書発行の認証コードをお知らせします。\n\n"
                "認証コード: " + code + "\n\n"
                "有効期限: " + japaneseTime(expiresAt) + " まで(30分間)\n\n"
                "画面の「認証コード入力」に上記の認証コードを入力してください。\n"
                "認証コードは第三者に教えないでください。\n");
}

MailMessage locked(const std::string& to, const std::string& who, Instant until)
{
    return make(to, "locked", "ログイン不可(ロック)のお知らせ",
                who + " はパスワードを連続して間違えたため、ログイン不可(ロック)になりました。\n\n"
                      "ロック解除予定: " + japaneseTime(until) + "\n\n"
                      "ロック解除後に再度ログイン操作が可能になります。ロックを3回繰り返した場合はログイン不可(閉塞)となります。\n");
}

MailMessage blocked(const std::string& to, const std::string& who)
{
    return make(to, "blocked", "ログイン不可(閉塞)のお知らせ",
                who + " はロックを繰り返したため、ログイン不可(閉塞)になりました。\n\n"
                      "閉塞を解除するには、労金へお問い合わせください。\n");
}

MailMessage certificateIssued(const std::string& to, const std::string& userId, const std::string& serial,
                              Instant notAfter)
{
    return make(to, "issued", "電子証明書発行のお知らせ",
                "ユーザーID " + userId + " の電子証明書を発行しました。\n\n"
                "シリアル番号: " + serial + "\n"
                "有効期限: " + japaneseTime(notAfter) + "\n\n"
                "電子証明書の有効期限は発行日を含めて366日間です。有効期限が切れる30日前より更新できます。\n");
}

MailMessage expiryNotice(const std::string& to, const std::string& userId, Instant notAfter, int daysLeft,
                         bool silentRenewal)
{
    const std::string howToRenew =
        silentRenewal ? "電子証明書をインポートしたパソコンは、Windowsへのログオン時に電子証明書を自動で更新します。\n"
                        "更新されない場合は、ろうきん賃金控除事務支援システムの「電子証明書発行」から更新してください。\n"
                      : "ろうきん賃金控除事務支援システムの「電子証明書発行」から更新してください。\n";
    return make(to, daysLeft <= 10 ? "expiry10" : "expiry30", "電子証明書の有効期限のお知らせ",
                "ユーザーID " + userId + " の電子証明書の有効期限が近づいています(あと" + std::to_string(daysLeft) +
                    "日)。\n\n"
                    "有効期限: " + japaneseTime(notAfter) + "\n\n"
                    "有効期限を過ぎると本システムへのログインができなくなります。\n" + howToRenew);
}

MailMessage emailChanged(const std::string& to, const std::string& userId, const std::string& newAddress)
{
    return make(to, "email-changed", "メールアドレス変更のお知らせ",
                "ユーザーID " + userId + " のメールアドレスが変更されました。\n\n"
                "変更後のメールアドレス: " + newAddress + "\n\n"
                "お心当たりのない場合は、至急労金へお問い合わせください。\n");
}

MailMessage auditAnchor(const std::string& to, const std::string& anchorLine, Instant at)
{
    // the operators' own mail: no employer footer
    return MailMessage{to, "【ろうきん】監査ログのアンカー " + japaneseTime(at),
                       "電子証明書発行サーバーの監査ログ(ハッシュチェーン)の先頭です。\n"
                       "このメールを保管し、監査ログの確認時に enroll-admin audit verify --anchors で照合してください。\n\n" +
                           anchorLine + "\n",
                       "audit-anchor"};
}

} // namespace enroll::server::mails
