#include "service/RequestLog.h"

#include <cstdio>
#include <random>

namespace enroll::server {
namespace {

thread_local RequestContext current;

bool plain(std::string_view value)
{
    if (value.empty()) {
        return false;
    }
    for (const unsigned char c : value) {
        if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
            return false;
        }
    }
    return true;
}

} // namespace

RequestContext& currentRequest()
{
    return current;
}

RequestScope::RequestScope(std::string id)
{
    current = RequestContext{std::move(id), {}, {}};
}

RequestScope::~RequestScope()
{
    current = RequestContext{};
}

std::string newRequestId()
{
    thread_local std::mt19937_64 random{std::random_device{}()};
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(random()));
    return text;
}

std::string acceptedRequestId(std::string_view given)
{
    if (given.empty() || given.size() > 64) {
        return {};
    }
    for (const char c : given) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
        if (!ok) {
            return {};
        }
    }
    return std::string(given);
}

std::string logfmtValue(std::string_view value)
{
    if (plain(value)) {
        return std::string(value);
    }
    std::string out = "\"";
    for (const unsigned char c : value) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < ' ' || c == 0x7f) {
                char hex[5];
                std::snprintf(hex, sizeof hex, "\\x%02x", c);
                out += hex;
            } else {
                out += static_cast<char>(c); // UTF-8 passes as it is
            }
        }
    }
    return out + "\"";
}

LogLine& LogLine::add(std::string_view key, std::string_view value)
{
    if (value.empty()) {
        return *this;
    }
    if (!text_.empty()) {
        text_ += ' ';
    }
    text_.append(key).append("=").append(logfmtValue(value));
    return *this;
}

LogLine& LogLine::add(std::string_view key, long long value)
{
    return add(key, std::to_string(value));
}

LogLine& LogLine::addRequest()
{
    return add("request_id", current.id).add("user", current.user).add("contract", current.contract);
}

std::string securityEventLine(const std::string& event, const std::string& subject, const std::string& remote,
                              const std::string& detail)
{
    if (!current.id.empty()) {
        if ((event.starts_with("user.") || event.starts_with("code.")) && current.user.empty()) {
            current.user = subject;
        } else if (event.starts_with("contract.") && current.contract.empty()) {
            current.contract = subject;
        }
    }
    return LogLine("security event")
        .add("request_id", current.id)
        .add("event", event)
        .add("subject", subject)
        .add("remote", remote)
        .add("detail", detail)
        .str();
}

} // namespace enroll::server
