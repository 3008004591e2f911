#include "enroll/RuleText.h"

#include <algorithm>
#include <array>

namespace enroll {
namespace {

struct FieldText
{
    Field field;
    std::string_view wire;
    std::string_view japanese;
    std::string_view english;
    std::string_view ruleJapanese; // the manual's 【入力項目説明】
    std::string_view ruleEnglish;
};

constexpr std::array<FieldText, 12> kFields = {{
    {Field::ContractNumber, "contractNumber", "契約番号", "Contract number", "半角数字8桁で入力します。",
     "8 half-width digits."},
    {Field::InitialPassword, "initialPassword", "初期パスワード", "Initial password",
     "8桁で入力します。半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します。)",
     "8 characters. Upper-case and lower-case letters, digits and symbols are all required (case-sensitive)."},
    {Field::UserId, "userId", "ユーザーID", "User ID",
     "6～12桁で入力します。半角英、数字の2種必須です。(英字は大文字と小文字を区別します。)",
     "6-12 characters. Half-width letters and digits are both required (case-sensitive)."},
    {Field::Password, "password", "パスワード", "Password",
     "8～12桁で入力します。半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します。)"
     "ユーザーIDを含むパスワードは使用できません。",
     "8-12 characters. Upper-case and lower-case letters, digits and symbols are all required (case-sensitive). "
     "The password must not contain the user ID."},
    {Field::PasswordAgain, "passwordAgain", "パスワード再入力", "Password (again)",
     "登録するパスワードの確認用です。同じパスワードをもう一度入力します。",
     "To confirm the password: type the same password again."},
    {Field::UserName, "userName", "ユーザー名", "User name", "全角20文字以下で入力します。(カナ、漢字含む)",
     "Up to 20 full-width characters (kana and kanji included)."},
    {Field::Email, "email", "メールアドレス", "E-mail address", "半角英数50桁以下で入力します。",
     "Up to 50 half-width characters."},
    {Field::EmailAgain, "emailAgain", "メールアドレス再入力", "E-mail address (again)",
     "登録するメールアドレスの確認用です。同じアドレスをもう一度入力します。",
     "To confirm the e-mail address: type the same address again."},
    {Field::Code, "code", "認証コード", "Authentication code", "半角数字6桁で入力します。(数字のみ、有効期限30分)",
     "6 half-width digits (digits only, valid for 30 minutes)."},
    {Field::Csr, "csr", "証明書発行要求", "Certificate request", "", ""},
    {Field::NewPassword, "newPassword", "新しいパスワード", "New password",
     "8～12桁で入力します。半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します。)"
     "ユーザーIDを含むパスワード、現在と同じパスワードは使用できません。",
     "8-12 characters. Upper-case and lower-case letters, digits and symbols are all required (case-sensitive). "
     "It must not contain the user ID or be the current password."},
    {Field::NewPasswordAgain, "newPasswordAgain", "新しいパスワード再入力", "New password (again)",
     "新しいパスワードの確認用です。同じパスワードをもう一度入力します。",
     "To confirm the new password: type the same password again."},
}};

constexpr bool fieldsFollowEnum()
{
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        if (static_cast<std::size_t>(kFields[i].field) != i) {
            return false;
        }
    }
    return kFields.size() == static_cast<std::size_t>(Field::NewPasswordAgain) + 1;
}
static_assert(fieldsFollowEnum(), "kFields must list every field in enum order");

constexpr std::array<std::string_view, 12> kRuleWire = {
    "required", "encoding",  "charset", "length",         "needsLetterAndDigit", "needsAllFourKinds",
    "fullWidthOnly", "mismatch", "format", "containsUserId", "keyType", "unchanged",
};
static_assert(kRuleWire.size() == static_cast<std::size_t>(Rule::Unchanged) + 1, "every rule has a wire name");

struct RuleSentence
{
    Field field;
    Rule rule;
    std::string_view japanese;
    std::string_view english;
};

// The manual's wording (【入力項目説明】) turned into what to do next.
constexpr std::array<RuleSentence, 33> kSentences = {{
    {Field::ContractNumber, Rule::Charset, "契約番号は半角数字で入力してください。(全角数字や記号は使用できません)",
     "Enter the contract number with half-width digits 0-9 (full-width digits are not accepted)."},
    {Field::ContractNumber, Rule::Length, "契約番号は半角数字8桁で入力してください。",
     "The contract number has exactly 8 digits."},
    {Field::InitialPassword, Rule::Charset,
     "初期パスワードは半角英数字・記号で入力してください。(全角文字や空白は使用できません)",
     "Enter the initial password with half-width letters, digits and symbols (no full-width characters or spaces)."},
    {Field::InitialPassword, Rule::Length, "初期パスワードは8桁で入力してください。",
     "The initial password has exactly 8 characters."},
    {Field::InitialPassword, Rule::NeedsAllFourKinds,
     "初期パスワードは半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します)",
     "The initial password contains upper-case and lower-case letters, digits and symbols (case-sensitive)."},
    {Field::UserId, Rule::Charset,
     "ユーザーIDは半角英数字で入力してください。(記号、全角文字、空白は使用できません)",
     "Enter the user ID with half-width letters and digits only (no symbols, full-width characters or spaces)."},
    {Field::UserId, Rule::Length, "ユーザーIDは6～12桁で入力してください。",
     "The user ID has 6 to 12 characters."},
    {Field::UserId, Rule::NeedsLetterAndDigit, "ユーザーIDは半角英、数字の2種必須です。",
     "The user ID must contain at least one letter and one digit."},
    {Field::Password, Rule::Charset,
     "パスワードは半角英数字・記号で入力してください。(全角文字や空白は使用できません)",
     "Enter the password with half-width letters, digits and symbols (no full-width characters or spaces)."},
    {Field::Password, Rule::Length, "パスワードは8～12桁で入力してください。",
     "The password has 8 to 12 characters."},
    {Field::Password, Rule::NeedsAllFourKinds,
     "パスワードは半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します)",
     "The password must contain upper-case and lower-case letters, digits and symbols (case-sensitive)."},
    {Field::Password, Rule::ContainsUserId, "パスワードにユーザーIDを含めることはできません。",
     "The password must not contain the user ID."},
    {Field::PasswordAgain, Rule::Mismatch, "パスワードとパスワード再入力が一致しません。",
     "The two passwords do not match."},
    {Field::UserName, Rule::Required, "ユーザー名を入力してください。", "Please enter the user name."},
    {Field::UserName, Rule::FullWidthOnly,
     "ユーザー名は全角文字で入力してください。(半角英数字、半角カナ、絵文字などは使用できません)",
     "Enter the user name in full-width (zenkaku) characters; half-width letters, half-width kana and emoji are not accepted."},
    {Field::UserName, Rule::Length, "ユーザー名は全角20文字以下で入力してください。",
     "The user name has at most 20 full-width characters."},
    {Field::Email, Rule::Charset,
     "メールアドレスは半角英数字・記号で入力してください。(全角文字や空白は使用できません)",
     "Enter the e-mail address with half-width characters (no full-width characters or spaces)."},
    {Field::Email, Rule::Length, "メールアドレスは半角英数50桁以下で入力してください。",
     "The e-mail address has at most 50 characters."},
    {Field::Email, Rule::Format, "メールアドレスの形式が正しくありません。(例: samplemail@sample.co.jp)",
     "This is not a valid e-mail address (for example samplemail@sample.co.jp)."},
    {Field::EmailAgain, Rule::Mismatch, "メールアドレスとメールアドレス再入力が一致しません。",
     "The two e-mail addresses do not match."},
    {Field::Code, Rule::Charset, "認証コードは半角数字で入力してください。",
     "Enter the authentication code with half-width digits 0-9."},
    {Field::Code, Rule::Length, "認証コードは半角数字6桁で入力してください。",
     "The authentication code has exactly 6 digits."},
    {Field::Csr, Rule::Required, "証明書発行要求がありません。", "The certificate request is missing."},
    {Field::Csr, Rule::Format, "証明書発行要求が正しくありません。もう一度発行をやり直してください。",
     "The certificate request is not valid. Please start the issuance again."},
    {Field::Csr, Rule::KeyType,
     "証明書発行要求の鍵の種類に対応していません。(RSA 2048ビット以上またはEC P-256)",
     "The key type of the certificate request is not supported (RSA 2048 bits or more, or EC P-256)."},
    {Field::Csr, Rule::Encoding, "証明書発行要求が正しくありません。", "The certificate request is not valid."},
    {Field::Csr, Rule::Charset, "証明書発行要求が正しくありません。", "The certificate request is not valid."},
    {Field::NewPassword, Rule::Charset,
     "新しいパスワードは半角英数字・記号で入力してください。(全角文字や空白は使用できません)",
     "Enter the new password with half-width letters, digits and symbols (no full-width characters or spaces)."},
    {Field::NewPassword, Rule::Length, "新しいパスワードは8～12桁で入力してください。",
     "The new password has 8 to 12 characters."},
    {Field::NewPassword, Rule::NeedsAllFourKinds,
     "新しいパスワードは半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します)",
     "The new password must contain upper-case and lower-case letters, digits and symbols (case-sensitive)."},
    {Field::NewPassword, Rule::ContainsUserId, "新しいパスワードにユーザーIDを含めることはできません。",
     "The new password must not contain the user ID."},
    {Field::NewPassword, Rule::Unchanged, "新しいパスワードには、現在と異なるパスワードを入力してください。",
     "The new password must differ from the current one."},
    {Field::NewPasswordAgain, Rule::Mismatch, "新しいパスワードと新しいパスワード再入力が一致しません。",
     "The two new passwords do not match."},
}};

const FieldText& fieldText(Field field)
{
    return kFields.at(static_cast<std::size_t>(field));
}

} // namespace

std::string_view wireName(Field field)
{
    return fieldText(field).wire;
}

std::string_view wireName(Rule rule)
{
    return kRuleWire.at(static_cast<std::size_t>(rule));
}

std::optional<Field> fieldFromWire(std::string_view wire)
{
    const auto it = std::find_if(kFields.begin(), kFields.end(), [wire](const FieldText& f) { return f.wire == wire; });
    return it == kFields.end() ? std::nullopt : std::optional<Field>(it->field);
}

std::optional<Rule> ruleFromWire(std::string_view wire)
{
    const auto it = std::find(kRuleWire.begin(), kRuleWire.end(), wire);
    if (it == kRuleWire.end()) {
        return std::nullopt;
    }
    return static_cast<Rule>(it - kRuleWire.begin());
}

std::string_view fieldLabel(Field field, Language language)
{
    const auto& text = fieldText(field);
    return language == Language::English ? text.english : text.japanese;
}

std::string_view fieldRuleText(Field field, Language language)
{
    const auto& text = fieldText(field);
    return language == Language::English ? text.ruleEnglish : text.ruleJapanese;
}

namespace {

// 「英小文字・記号が含まれていません。」: what the value lacks, after the rule's sentence.
std::string missingKindsSentence(std::string_view value, Rule rule, bool english)
{
    const auto missing = missingKinds(value, rule);
    if (value.empty() || missing.empty()) {
        return {};
    }
    std::string names;
    for (const auto kind : missing) {
        static constexpr std::array<std::string_view, 5> kJapanese = {"英字", "英大文字", "英小文字", "数字", "記号"};
        static constexpr std::array<std::string_view, 5> kEnglish = {"letters", "upper-case letters", "lower-case letters",
                                                                     "digits", "symbols"};
        const auto index = static_cast<std::size_t>(kind);
        if (!names.empty()) {
            names += english ? ", " : "・";
        }
        names += english ? kEnglish.at(index) : kJapanese.at(index);
    }
    return english ? " Missing: " + names + "." : names + "が含まれていません。";
}

} // namespace

std::string ruleMessage(FieldError error, Language language, std::string_view value)
{
    const bool english = language == Language::English;
    const auto it = std::find_if(kSentences.begin(), kSentences.end(), [error](const RuleSentence& s) {
        return s.field == error.field && s.rule == error.rule;
    });
    if (it != kSentences.end()) {
        return std::string(english ? it->english : it->japanese) + missingKindsSentence(value, error.rule, english);
    }
    // The rules every field shares, worded around the field's label.
    const std::string label(fieldLabel(error.field, language));
    switch (error.rule) {
    case Rule::Required:
        return english ? "Please enter the " + label + "." : label + "を入力してください。";
    case Rule::Mismatch:
        return english ? "The " + label + " does not match." : label + "が一致しません。";
    case Rule::Encoding:
        return english ? "The " + label + " contains characters that cannot be read. Please type it again."
                       : label + "に読み取れない文字が含まれています。もう一度入力してください。";
    default:
        return english ? "The " + label + " is not valid." : label + "の入力内容が正しくありません。";
    }
}

std::string_view mobileCarrierWarning(Language language)
{
    return language == Language::English
               ? "This looks like a mobile phone address. The bank asks you to avoid mobile addresses where "
                 "possible, as notices may not arrive."
               : "携帯電話のメールアドレスのようです。お知らせメールが届かない場合があるため、携帯電話のアドレスはなるべく登録しないでください。";
}

} // namespace enroll
