#include "http/Api.h"

#include "http/ErrorResponse.h"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace enroll::server {

std::optional<std::string> JsonReader::optionalText(std::string_view name, Field field)
{
    const std::string key(name);
    if (!object_->has(key) || object_->isNull(key)) {
        return std::nullopt;
    }
    const auto value = object_->get(key);
    if (!value.isString()) {
        errors_.push_back({field, Rule::Format});
        return std::nullopt;
    }
    return value.extract<std::string>();
}

std::string JsonReader::text(std::string_view name, Field field)
{
    return optionalText(name, field).value_or(std::string());
}

ApiResponse jsonResponse(int status, const Poco::JSON::Object& object)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(object, out);
    return ApiResponse{status, "application/json; charset=utf-8", out.str(), {}};
}

ApiResponse errorResponse(const Error& error, Language language)
{
    auto rendered = renderError(error, language);
    ApiResponse response{rendered.status, "application/json; charset=utf-8", std::move(rendered.body), {}};
    if (error.retryAfterSeconds) {
        response.headers.emplace_back("Retry-After", std::to_string(*error.retryAfterSeconds));
    }
    return response;
}

} // namespace enroll::server
