// Turns a service Error into API.md's error answer: the HTTP status and the JSON body
// {"error": {"code", "message", …extra fields per code}}. Never puts Error::detail on the wire.
#pragma once

#include "enroll/Language.h"
#include "enroll/Result.h"

#include <string>

namespace enroll::server {

struct ErrorResponse
{
    int status = 500;
    std::string body; // UTF-8 JSON
};

ErrorResponse renderError(const Error& error, Language language);

} // namespace enroll::server
