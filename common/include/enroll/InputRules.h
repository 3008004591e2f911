// The input rules of SPEC §2, one implementation for client and server: each check returns the
// rule that failed (or nothing), so that both sides can name the field and the rule to the user.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enroll {

// The fields a person types. Confirmation fields exist only on the client's forms.
enum class Field : std::uint8_t {
    ContractNumber,
    InitialPassword,
    UserId,
    Password,
    PasswordAgain,
    UserName,
    Email,
    EmailAgain,
    Code,
    Csr, // not typed, but refused with the same {field, rule} shape
    NewPassword,
    NewPasswordAgain,
};

enum class Rule : std::uint8_t {
    Required,           // empty (or only blanks in the user name)
    Encoding,           // not well-formed UTF-8
    Charset,            // a character outside the field's set (full-width digit, space, kana…)
    Length,             // too short or too long, counted in characters
    NeedsLetterAndDigit,
    NeedsAllFourKinds,  // upper case, lower case, digit and symbol
    FullWidthOnly,      // the user name holds a half-width or unsupported character
    Mismatch,           // the entry typed again differs
    Format,             // e-mail address (or CSR) not well-formed
    ContainsUserId,     // the password equals or contains the user ID
    KeyType,            // CSR key not RSA >= 2048 or EC P-256
    Unchanged,          // the new password is the current one
};

struct FieldError
{
    Field field;
    Rule rule;
    friend bool operator==(const FieldError&, const FieldError&) = default;
};
using FieldErrors = std::vector<FieldError>;

// nothing = the value satisfies every rule of its field
using RuleCheck = std::optional<Rule>;

// Length limits, named once; the messages quote them too.
namespace limits {
inline constexpr std::size_t kContractNumberDigits = 8;
inline constexpr std::size_t kInitialPasswordLength = 8;
inline constexpr std::size_t kUserIdMin = 6;
inline constexpr std::size_t kUserIdMax = 12;
inline constexpr std::size_t kPasswordMin = 8;
inline constexpr std::size_t kPasswordMax = 12;
inline constexpr std::size_t kUserNameMax = 20;
inline constexpr std::size_t kEmailMax = 50;
inline constexpr std::size_t kCodeDigits = 6;
} // namespace limits

RuleCheck checkContractNumber(std::string_view value);
RuleCheck checkInitialPassword(std::string_view value);
RuleCheck checkUserId(std::string_view value);
// `userId` may be empty when it is not known (then the containment rule does not apply).
RuleCheck checkPassword(std::string_view value, std::string_view userId);
RuleCheck checkUserName(std::string_view value);
RuleCheck checkEmail(std::string_view value);
RuleCheck checkOneTimeCode(std::string_view value);
// The second entry of a confirmed field: required, then byte-for-byte equal to the first.
RuleCheck checkAgain(std::string_view first, std::string_view again);

// The kinds of character a user ID (letter, digit) or a password (upper, lower, digit, symbol)
// must hold. missingKinds names those `value` lacks for `rule` (NeedsLetterAndDigit or
// NeedsAllFourKinds; empty for any other rule), in that order, so that the message can say which.
enum class CharacterKind : std::uint8_t { Letter, Upper, Lower, Digit, Symbol };
std::vector<CharacterKind> missingKinds(std::string_view value, Rule rule);

// True for the full-width repertoire accepted in a user name (see docs/rules.md).
bool isFullWidthNameCharacter(char32_t cp);

// Mobile-carrier addresses are accepted, but the bank asks users to avoid them (SPEC §2).
bool isMobileCarrierAddress(std::string_view email);
std::span<const std::string_view> mobileCarrierDomains();

// "t***@example.co.jp": what the authentication page shows of the address the code went to.
std::string maskEmail(std::string_view email);

// Collects the failed checks of a form in field order.
class FieldErrorCollector
{
public:
    FieldErrorCollector& check(Field field, RuleCheck result)
    {
        if (result) {
            errors_.push_back({field, *result});
        }
        return *this;
    }
    [[nodiscard]] FieldErrors take() { return std::move(errors_); }

private:
    FieldErrors errors_;
};

} // namespace enroll
