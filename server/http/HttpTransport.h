// The Poco side of the API: routes (method + path) to handlers, bounded bodies, JSON parsing,
// the TLS peer certificate, the error body for anything that goes wrong, and the access log.
#pragma once

#include "http/Api.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace enroll::server {

inline constexpr std::size_t kBodyLimit = 64 * 1024; // API.md: TOO_LARGE above 64 KiB

class Router
{
public:
    void add(const std::string& method, const std::string& path, ApiHandler handler);
    // For paths with a trailing parameter, such as DELETE /api/v1/users/{userId}.
    void addPrefix(const std::string& method, const std::string& prefix, ApiHandler handler);

    // The handler for a request, or NOT_FOUND / METHOD_NOT_ALLOWED.
    [[nodiscard]] Result<ApiHandler> route(const std::string& method, const std::string& path) const;

private:
    std::map<std::pair<std::string, std::string>, ApiHandler> exact_;
    std::vector<std::tuple<std::string, std::string, ApiHandler>> prefixes_;
};

class ApiRequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit ApiRequestHandlerFactory(const Router& router) : router_(router) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    const Router& router_;
};

} // namespace enroll::server
