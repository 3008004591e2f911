#include "http/ErrorResponse.h"

#include "enroll/Protocol.h"
#include "enroll/RuleText.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace enroll::server {

namespace json = protocol::json;

ErrorResponse renderError(const Error& error, Language language)
{
    Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
    inner->set(std::string(json::kCode), std::string(wireName(error.code)));
    std::string message(errorMessage(error.code, language));
    if (!error.fields.empty()) {
        Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
        for (const auto& field : error.fields) {
            Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
            entry->set(std::string(json::kField), std::string(wireName(field.field)));
            entry->set(std::string(json::kRule), std::string(wireName(field.rule)));
            entry->set(std::string(json::kMessage), ruleMessage(field, language));
            fields->add(entry);
        }
        inner->set(std::string(json::kFields), fields);
    }
    if (error.until) {
        inner->set(std::string(json::kUntil), formatRfc3339Jst(*error.until));
    }
    if (error.renewableFrom) {
        inner->set(std::string(json::kRenewableFrom), formatRfc3339Jst(*error.renewableFrom));
    }
    if (error.attemptsLeft) {
        inner->set(std::string(json::kAttemptsLeft), *error.attemptsLeft);
    }
    if (error.retryAfterSeconds) {
        inner->set(std::string(json::kRetryAfterSeconds), *error.retryAfterSeconds);
    }
    if (!error.serial.empty()) {
        inner->set(std::string(json::kSerial), error.serial);
    }
    inner->set(std::string(json::kMessage), message);

    Poco::JSON::Object outer;
    outer.set(std::string(json::kError), inner);
    std::ostringstream body;
    Poco::JSON::Stringifier::condense(outer, body);
    return {httpStatus(error.code), body.str()};
}

} // namespace enroll::server
