#include "enroll/InputRules.h"

#include "enroll/Utf8.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace enroll {
namespace {

bool isAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool isAsciiUpper(char32_t c) { return c >= U'A' && c <= U'Z'; }
bool isAsciiLower(char32_t c) { return c >= U'a' && c <= U'z'; }
bool isAsciiLetter(char32_t c) { return isAsciiUpper(c) || isAsciiLower(c); }
// Printable ASCII other than letters and digits, space excluded (SPEC §2 "symbol").
bool isAsciiSymbol(char32_t c) { return c >= 0x21 && c <= 0x7E && !isAsciiLetter(c) && !isAsciiDigit(c); }
// Printable half-width ASCII without space: passwords and e-mail addresses.
bool isVisibleAscii(char32_t c) { return c >= 0x21 && c <= 0x7E; }

template <typename Predicate>
bool all(const std::u32string& s, Predicate p)
{
    return std::all_of(s.begin(), s.end(), p);
}

template <typename Predicate>
bool any(const std::u32string& s, Predicate p)
{
    return std::any_of(s.begin(), s.end(), p);
}

// The common shape of every rule: required → encoding → charset → length, then the field's own.
struct Decoded
{
    RuleCheck failure;
    std::u32string chars;
};

Decoded decodeField(std::string_view value)
{
    if (value.empty()) {
        return {Rule::Required, {}};
    }
    auto chars = utf8::decode(value);
    if (!chars) {
        return {Rule::Encoding, {}};
    }
    return {std::nullopt, std::move(*chars)};
}

// required → encoding → charset → length: the shape every half-width field shares.
template <typename Allowed>
Decoded decodeHalfWidth(std::string_view value, Allowed allowed, std::size_t minLength, std::size_t maxLength)
{
    auto field = decodeField(value);
    if (field.failure) {
        return field;
    }
    if (!all(field.chars, allowed)) {
        field.failure = Rule::Charset;
    } else if (field.chars.size() < minLength || field.chars.size() > maxLength) {
        field.failure = Rule::Length;
    }
    return field;
}

RuleCheck checkAllFourKinds(std::string_view value, std::size_t minLength, std::size_t maxLength)
{
    const auto field = decodeHalfWidth(value, isVisibleAscii, minLength, maxLength);
    if (field.failure) {
        return field.failure;
    }
    const auto& chars = field.chars;
    if (!any(chars, isAsciiUpper) || !any(chars, isAsciiLower) || !any(chars, isAsciiDigit) ||
        !any(chars, isAsciiSymbol)) {
        return Rule::NeedsAllFourKinds;
    }
    return std::nullopt;
}

RuleCheck checkDigits(std::string_view value, std::size_t digits)
{
    return decodeHalfWidth(value, isAsciiDigit, digits, digits).failure;
}

std::string asciiLower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// RFC 5322 atext: the characters of a dot-atom local part.
bool isAtext(char c)
{
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        return true;
    }
    constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-";
    return specials.find(c) != std::string_view::npos;
}

bool isDotAtom(std::string_view s, bool (*allowed)(char))
{
    if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [allowed](char c) { return c == '.' || allowed(c); });
}

bool isHostnameLabel(std::string_view label)
{
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    return std::all_of(label.begin(), label.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
    });
}

bool isDomainWithDot(std::string_view domain)
{
    if (domain.find('.') == std::string_view::npos) {
        return false;
    }
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = domain.find('.', start);
        const auto end = dot == std::string_view::npos ? domain.size() : dot;
        if (!isHostnameLabel(domain.substr(start, end - start))) {
            return false;
        }
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    // A top-level label of digits only is an IP address typed by mistake, not a domain.
    const auto tld = domain.substr(domain.rfind('.') + 1);
    return !std::all_of(tld.begin(), tld.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

constexpr std::array<std::string_view, 16> kCarrierDomains = {
    "docomo.ne.jp", "ezweb.ne.jp",  "au.com",      "biz.ezweb.ne.jp", "softbank.ne.jp", "i.softbank.jp",
    "disney.ne.jp", "ymobile.ne.jp", "y-mobile.ne.jp", "emnet.ne.jp", "pdx.ne.jp",      "willcom.com",
    "wcm.ne.jp",    "uqmobile.jp",  "rakumail.jp", "mopera.net",
};

} // namespace

RuleCheck checkContractNumber(std::string_view value)
{
    return checkDigits(value, limits::kContractNumberDigits);
}

RuleCheck checkInitialPassword(std::string_view value)
{
    return checkAllFourKinds(value, limits::kInitialPasswordLength, limits::kInitialPasswordLength);
}

RuleCheck checkUserId(std::string_view value)
{
    const auto field = decodeHalfWidth(
        value, [](char32_t c) { return isAsciiLetter(c) || isAsciiDigit(c); }, limits::kUserIdMin, limits::kUserIdMax);
    if (field.failure) {
        return field.failure;
    }
    if (!any(field.chars, isAsciiLetter) || !any(field.chars, isAsciiDigit)) {
        return Rule::NeedsLetterAndDigit;
    }
    return std::nullopt;
}

RuleCheck checkPassword(std::string_view value, std::string_view userId)
{
    if (auto failure = checkAllFourKinds(value, limits::kPasswordMin, limits::kPasswordMax)) {
        return failure;
    }
    // Case-insensitive: "Sample001!" is as guessable as "sample001!" for the user "sample001".
    if (!userId.empty() && asciiLower(value).find(asciiLower(userId)) != std::string::npos) {
        return Rule::ContainsUserId;
    }
    return std::nullopt;
}

std::vector<CharacterKind> missingKinds(std::string_view value, Rule rule)
{
    std::vector<std::pair<CharacterKind, bool (*)(char32_t)>> kinds;
    if (rule == Rule::NeedsLetterAndDigit) {
        kinds = {{CharacterKind::Letter, isAsciiLetter}, {CharacterKind::Digit, isAsciiDigit}};
    } else if (rule == Rule::NeedsAllFourKinds) {
        kinds = {{CharacterKind::Upper, isAsciiUpper},
                 {CharacterKind::Lower, isAsciiLower},
                 {CharacterKind::Digit, isAsciiDigit},
                 {CharacterKind::Symbol, isAsciiSymbol}};
    }
    const auto chars = utf8::decode(value).value_or(std::u32string{});
    std::vector<CharacterKind> missing;
    for (const auto& [kind, holds] : kinds) {
        if (!any(chars, holds)) {
            missing.push_back(kind);
        }
    }
    return missing;
}

bool isFullWidthNameCharacter(char32_t cp)
{
    struct Range
    {
        char32_t first;
        char32_t last;
    };
    // JIS X 0208 style full-width repertoire. Half-width katakana (U+FF61–FF9F), ASCII,
    // combining marks and everything outside the BMP (emoji, rare kanji) are refused.
    static constexpr std::array<Range, 17> kRanges = {{
        {0x2010, 0x2010}, // ‐ hyphen
        {0x2015, 0x2015}, // ― horizontal bar
        {0x2018, 0x2019}, // ‘ ’
        {0x201C, 0x201D}, // “ ”
        {0x2025, 0x2026}, // ‥ …
        {0x203B, 0x203B}, // ※
        {0x3000, 0x303F}, // ideographic space, 、。「」〒 and other CJK punctuation
        {0x3041, 0x3096}, // hiragana
        {0x309B, 0x309F}, // ゛゜ゝゞゟ
        {0x30A0, 0x30FF}, // katakana, ・ and ー
        {0x31F0, 0x31FF}, // small katakana extensions
        {0x3400, 0x4DBF}, // CJK extension A
        {0x4E00, 0x9FFF}, // CJK unified ideographs
        {0xF900, 0xFAFF}, // CJK compatibility ideographs
        {0xFF01, 0xFF60}, // full-width Latin, digits and symbols
        {0xFFE0, 0xFFE6}, // ￠￡￢￣￤￥￦
        {0x2212, 0x2212}, // − minus sign
    }};
    return std::any_of(kRanges.begin(), kRanges.end(),
                       [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

RuleCheck checkUserName(std::string_view value)
{
    auto field = decodeField(value);
    if (field.failure) {
        return field.failure;
    }
    if (all(field.chars, [](char32_t c) { return c == U'\u3000'; })) {
        return Rule::Required; // only ideographic spaces: nothing was really entered
    }
    if (!all(field.chars, isFullWidthNameCharacter)) {
        return Rule::FullWidthOnly;
    }
    if (field.chars.size() > limits::kUserNameMax) {
        return Rule::Length;
    }
    return std::nullopt;
}

RuleCheck checkEmail(std::string_view value)
{
    const auto field = decodeHalfWidth(value, isVisibleAscii, 1, limits::kEmailMax);
    if (field.failure) {
        return field.failure;
    }
    const auto at = value.find('@');
    if (at == std::string_view::npos || value.find('@', at + 1) != std::string_view::npos) {
        return Rule::Format;
    }
    if (!isDotAtom(value.substr(0, at), isAtext) || !isDomainWithDot(value.substr(at + 1))) {
        return Rule::Format;
    }
    return std::nullopt;
}

RuleCheck checkOneTimeCode(std::string_view value)
{
    return checkDigits(value, limits::kCodeDigits);
}

RuleCheck checkAgain(std::string_view first, std::string_view again)
{
    if (again.empty()) {
        return Rule::Required;
    }
    if (first != again) {
        return Rule::Mismatch;
    }
    return std::nullopt;
}

bool isMobileCarrierAddress(std::string_view email)
{
    const auto at = email.rfind('@');
    if (at == std::string_view::npos) {
        return false;
    }
    const auto domain = asciiLower(email.substr(at + 1));
    return std::any_of(kCarrierDomains.begin(), kCarrierDomains.end(), [&domain](std::string_view carrier) {
        if (domain == carrier) {
            return true;
        }
        // subdomains such as di.pdx.ne.jp
        return domain.size() > carrier.size() && domain.ends_with(carrier) &&
               domain[domain.size() - carrier.size() - 1] == '.';
    });
}

std::span<const std::string_view> mobileCarrierDomains()
{
    return kCarrierDomains;
}

std::string maskEmail(std::string_view email)
{
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || at == 0) {
        return "***";
    }
    std::string out;
    out.push_back(email.front());
    out += "***";
    out += email.substr(at);
    return out;
}

} // namespace enroll
