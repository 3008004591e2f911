// One API call as the handlers see it: parsed, bounded, with the TLS peer and the language,
// and the answer they give back. Handlers parse → call a service → format; nothing more.
#pragma once

#include "ca/OpenSsl.h"
#include "enroll/Language.h"
#include "enroll/Result.h"

#include <Poco/JSON/Object.h>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace enroll::server {

struct ApiRequest
{
    std::string method;
    std::string path;
    Language language = Language::Japanese;
    std::string bearer;              // Authorization: Bearer …, empty when absent
    Poco::JSON::Object::Ptr body;    // never null: {} when the request had no body
    std::string raw;                 // the body as sent, for a binary type (application/ocsp-request)
    ossl::X509Ptr peer;              // the client certificate of this connection, if any
    std::string remote;              // client address: budgets and the audit log
    std::string ifNoneMatch;         // If-None-Match, for GET /crl
    bool sameConnection = false;     // a later request on a client connection (nginx's count > 1)
    bool mayBlock = true;            // false on an event worker: nothing slow (signing) here
};

struct ApiResponse
{
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // extra headers (Retry-After, ETag, …)
    // Not an answer: the request, asked where it may not block, has to be answered where it may.
    bool needsBlockingWorker = false;
};

using ApiHandler = std::function<ApiResponse(const ApiRequest&)>;

// --- JSON helpers for handlers ------------------------------------------------------------------

// A string member; missing or null reads as "" (the input rules then say `required`). A member
// of another type is refused as INVALID_INPUT on `field` with rule `format`.
class JsonReader
{
public:
    explicit JsonReader(const Poco::JSON::Object::Ptr& object) : object_(object) {}
    std::string text(std::string_view name, Field field);
    std::optional<std::string> optionalText(std::string_view name, Field field);
    [[nodiscard]] bool ok() const { return errors_.empty(); }
    [[nodiscard]] Error error() const { return Error::invalid(errors_); }

private:
    Poco::JSON::Object::Ptr object_;
    FieldErrors errors_;
};

ApiResponse jsonResponse(int status, const Poco::JSON::Object& object);
inline ApiResponse noContent()
{
    return ApiResponse{204, {}, {}, {}};
}
ApiResponse errorResponse(const Error& error, Language language);

} // namespace enroll::server
