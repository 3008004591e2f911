// The outcome of a service call: a value, or an error with the API code, the failed fields and
// the extra facts API.md lists per code. `detail` is for the server's log only, never the wire.
#pragma once

#include "enroll/CertificateValidity.h"
#include "enroll/ErrorCodes.h"
#include "enroll/InputRules.h"

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace enroll {

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    FieldErrors fields;                     // INVALID_INPUT
    std::optional<Instant> until;           // LOCKED
    std::optional<Instant> renewableFrom;   // CERT_ALREADY_ISSUED
    std::optional<int> attemptsLeft;        // CODE_INVALID
    std::optional<int> retryAfterSeconds;   // RATE_LIMITED
    std::string serial;                     // RENEWAL_PENDING: the pending certificate
    std::string detail;                     // log only

    static Error of(ErrorCode code, std::string detail = {})
    {
        Error e;
        e.code = code;
        e.detail = std::move(detail);
        return e;
    }
    static Error invalid(FieldErrors fields)
    {
        Error e;
        e.code = ErrorCode::InvalidInput;
        e.fields = std::move(fields);
        return e;
    }
};

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(state_); }
    explicit operator bool() const noexcept { return ok(); }
    [[nodiscard]] T& value() & { return std::get<T>(state_); }
    [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
    [[nodiscard]] const Error& error() const { return std::get<Error>(state_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

private:
    std::variant<T, Error> state_;
};

struct Done
{
};
using Status = Result<Done>;

} // namespace enroll
