#include "enroll/Protocol.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace enroll::protocol {
namespace {

// A form's errors: the request's, and each entry typed again; each confirmation right after its
// field, which is the enum's order.
FieldErrors withConfirmations(FieldErrors errors, std::initializer_list<std::pair<Field, RuleCheck>> confirmations)
{
    for (const auto& [field, check] : confirmations) {
        if (check) {
            errors.push_back({field, *check});
        }
    }
    std::stable_sort(errors.begin(), errors.end(),
                     [](const FieldError& a, const FieldError& b) { return a.field < b.field; });
    return errors;
}

} // namespace

std::string_view wireName(Role role)
{
    return role == Role::Master ? "master" : "general";
}

std::string_view wireName(UserState state)
{
    switch (state) {
    case UserState::Active:
        return "active";
    case UserState::Locked:
        return "locked";
    case UserState::Blocked:
        return "blocked";
    case UserState::Disabled:
        return "disabled";
    }
    return "active";
}

FieldErrors validate(const ContractLoginRequest& request)
{
    return FieldErrorCollector{}
        .check(Field::ContractNumber, checkContractNumber(request.contractNumber))
        .check(Field::InitialPassword, checkInitialPassword(request.initialPassword.view()))
        .take();
}

FieldErrors validate(const RegistrationRequest& request)
{
    // The password is only compared with a user ID that is itself valid.
    const auto userIdCheck = checkUserId(request.userId);
    return FieldErrorCollector{}
        .check(Field::UserId, userIdCheck)
        .check(Field::Password, checkPassword(request.password.view(), userIdCheck ? "" : request.userId))
        .check(Field::UserName, checkUserName(request.userName))
        .check(Field::Email, checkEmail(request.email))
        .take();
}

FieldErrors validate(const GeneralUserRequest& request)
{
    return FieldErrorCollector{}
        .check(Field::UserId, checkUserId(request.userId))
        .check(Field::InitialPassword, checkInitialPassword(request.initialPassword.view()))
        .check(Field::UserName, checkUserName(request.userName))
        .check(Field::Email, checkEmail(request.email))
        .take();
}

FieldErrors validate(const AuthenticateRequest& request)
{
    // Authentication checks the shape only: the containment rule is for choosing a password.
    return FieldErrorCollector{}
        .check(Field::UserId, checkUserId(request.userId))
        .check(Field::Password, checkPassword(request.password.view(), ""))
        .take();
}

FieldErrors validate(const VerifyRequest& request)
{
    // an unknown or empty enrollmentId is the server's TOKEN_INVALID, not an input rule
    return FieldErrorCollector{}.check(Field::Code, checkOneTimeCode(request.code.view())).take();
}

FieldErrors validate(const PasswordChangeRequest& request)
{
    const auto userIdCheck = checkUserId(request.userId);
    auto newCheck = checkPassword(request.newPassword.view(), userIdCheck ? "" : request.userId);
    if (!newCheck && request.newPassword.view() == request.password.view()) {
        newCheck = Rule::Unchanged;
    }
    return FieldErrorCollector{}
        .check(Field::UserId, userIdCheck)
        .check(Field::Password, request.password.empty() ? RuleCheck(Rule::Required) : std::nullopt)
        .check(Field::NewPassword, newCheck)
        .take();
}

FieldErrors validatePasswordChangeForm(const PasswordChangeRequest& request, std::string_view newPasswordAgain)
{
    return withConfirmations(validate(request),
                             {{Field::NewPasswordAgain, checkAgain(request.newPassword.view(), newPasswordAgain)}});
}

FieldErrors validate(const ProfileChangeRequest& request)
{
    FieldErrorCollector errors;
    if (request.userName) {
        errors.check(Field::UserName, checkUserName(*request.userName));
    }
    if (request.email) {
        errors.check(Field::Email, checkEmail(*request.email));
    }
    errors.check(Field::Password, request.password.empty() ? RuleCheck(Rule::Required) : std::nullopt);
    return errors.take();
}

FieldErrors validateGeneralUserForm(const GeneralUserRequest& request, std::string_view emailAgain)
{
    return withConfirmations(validate(request), {{Field::EmailAgain, checkAgain(request.email, emailAgain)}});
}

FieldErrors validateRegistrationForm(const RegistrationRequest& request, std::string_view passwordAgain,
                                     std::string_view emailAgain)
{
    return withConfirmations(validate(request), {{Field::PasswordAgain, checkAgain(request.password.view(), passwordAgain)},
                                                 {Field::EmailAgain, checkAgain(request.email, emailAgain)}});
}

} // namespace enroll::protocol
