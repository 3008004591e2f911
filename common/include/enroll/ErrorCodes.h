// The error codes of API.md as one table: wire name, HTTP status and the message shown to an
// office clerk in Japanese and English. Server and client both read this table.
#pragma once

#include "enroll/Language.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace enroll {

enum class ErrorCode : std::uint8_t {
    InvalidInput,
    InvalidCredentials,
    TokenInvalid,
    ClientCertRequired,
    Forbidden,
    PasswordChangeRequired,
    NotFound,
    MethodNotAllowed,
    MasterExists,
    UserIdTaken,
    CertAlreadyIssued,
    RenewalNotOpen,
    RenewalPending,
    UserLimitReached,
    CodeInvalid,
    CodeExpired,
    Locked,
    Blocked,
    RateLimited,
    MailUnavailable,
    TooLarge,
    Unavailable,
    Internal,
};

struct ErrorInfo
{
    ErrorCode code;
    std::string_view wire; // "LOCKED"
    int httpStatus;
    std::string_view japanese;
    std::string_view english;
};

std::span<const ErrorInfo> errorTable();
const ErrorInfo& errorInfo(ErrorCode code);
std::optional<ErrorCode> errorCodeFromWire(std::string_view wire);

inline std::string_view wireName(ErrorCode code) { return errorInfo(code).wire; }
inline int httpStatus(ErrorCode code) { return errorInfo(code).httpStatus; }
inline std::string_view errorMessage(ErrorCode code, Language language)
{
    const auto& info = errorInfo(code);
    return language == Language::English ? info.english : info.japanese;
}

} // namespace enroll
