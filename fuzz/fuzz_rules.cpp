// The input rules of common/ (SPEC §2) on any bytes: UTF-8 decoding and encoding, every field's
// check, the kinds a password or user ID lacks, the masked address, the messages in both
// languages, and the validation of every request type the client and the server share. No
// crash, no sanitizer report, and what the rules promise holds: decoding round-trips, an accepted
// value is well-formed UTF-8, an address is masked without its local part.
#include "FuzzInput.h"

#include "enroll/InputRules.h"
#include "enroll/Protocol.h"
#include "enroll/RuleText.h"
#include "enroll/Utf8.h"

#include <cstdio>
#include <cstdlib>

using namespace enroll;

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "broken: %s\n", what);
        std::abort();
    }
}

void messagesOf(const FieldErrors& errors, std::string_view value)
{
    for (const auto& error : errors) {
        for (auto language : {Language::Japanese, Language::English}) {
            const auto text = ruleMessage(error, language, value);
            require(!text.empty() && utf8::decode(text).has_value(), "a rule message that is empty or not UTF-8");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto p = fuzz::parts(data, size, 6);
    const auto& a = p[0];
    const auto& b = p[1];

    if (const auto decoded = utf8::decode(a)) {
        std::string again;
        for (char32_t cp : *decoded) {
            again += utf8::encode(cp);
        }
        require(again == a, "UTF-8 decoding does not round-trip");
    }
    for (auto check : {checkContractNumber, checkInitialPassword, checkUserId, checkUserName, checkEmail, checkOneTimeCode}) {
        if (!check(a)) {
            require(utf8::decode(a).has_value(), "a value accepted that is not UTF-8");
        }
    }
    (void)checkPassword(a, b);
    (void)checkAgain(a, b);
    (void)missingKinds(a, Rule::NeedsAllFourKinds);
    (void)missingKinds(a, Rule::NeedsLetterAndDigit);
    (void)isMobileCarrierAddress(a);
    if (!checkEmail(a)) {
        // an accepted address: its first character, ***, and the domain; never more of the local part
        const auto at = a.rfind('@');
        require(maskEmail(a) == a.substr(0, 1) + "***" + a.substr(at), "the masked address is not x***@domain");
    }

    protocol::ContractLoginRequest login{a, SecureString(b)};
    messagesOf(protocol::validate(login), a);
    protocol::RegistrationRequest registration{a, SecureString(b), p[2], p[3]};
    messagesOf(protocol::validate(registration), a);
    messagesOf(protocol::validateRegistrationForm(registration, p[4], p[5]), b);
    protocol::GeneralUserRequest general{a, SecureString(b), p[2], p[3]};
    messagesOf(protocol::validate(general), a);
    messagesOf(protocol::validateGeneralUserForm(general, p[4]), p[4]);
    protocol::AuthenticateRequest authenticate{a, SecureString(b)};
    messagesOf(protocol::validate(authenticate), a);
    protocol::VerifyRequest verify{a, SecureString(b)};
    messagesOf(protocol::validate(verify), b);
    protocol::PasswordChangeRequest change{a, SecureString(b), SecureString(p[2])};
    messagesOf(protocol::validate(change), a);
    messagesOf(protocol::validatePasswordChangeForm(change, p[3]), p[3]);
    protocol::ProfileChangeRequest profile{p[2].empty() ? std::nullopt : std::optional<std::string>(a),
                                           p[3].empty() ? std::nullopt : std::optional<std::string>(b), SecureString(p[4])};
    messagesOf(protocol::validate(profile), a);
    return 0;
}
