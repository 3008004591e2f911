// The Poco side of the API: routes (method + path) to handlers, bounded bodies, JSON parsing,
// the TLS peer certificate, the error body for anything that goes wrong, and the access log.
#pragma once

#include "http/Api.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <map>
#include <mutex>
#include <unordered_map>
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

// Where a request's client certificate and client address come from.
enum class PeerSource {
    TlsSocket,        // the embedded TLS listener: the handshake's certificate, the socket's peer
    ForwardedHeaders, // the listener behind nginx: kClientCertificateHeader and kClientAddressHeader
};

// Set by nginx on the forwarded listener only (docs/operations.md): the client certificate as
// nginx's $ssl_client_escaped_cert (URL-encoded PEM) and the client's address ($remote_addr).
inline constexpr const char* kClientCertificateHeader = "X-Client-Certificate";
inline constexpr const char* kClientAddressHeader = "X-Client-Address";
// nginx's $connection_requests: 1 on a new client connection (a fresh TLS handshake).
inline constexpr const char* kClientConnectionRequestsHeader = "X-Client-Connection-Requests";

// The certificates nginx forwards, parsed once each: a busy client sends the same header on
// every request. Bounded; the certificate is still verified on every request.
class ForwardedCertificates
{
public:
    ossl::X509Ptr parse(const std::string& header);

private:
    std::mutex mutex_;
    std::unordered_map<std::string, ossl::X509Ptr> parsed_;
};

class ApiRequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    ApiRequestHandlerFactory(const Router& router, PeerSource source) : router_(router), source_(source) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    const Router& router_;
    PeerSource source_;
    ForwardedCertificates forwarded_;
};

// The certificate in a forwarded header (URL-encoded PEM); empty when absent or unreadable.
ossl::X509Ptr certificateFromForwardedHeader(const std::string& value);
// The client address in a forwarded header, normalised; empty when it is not an IP address.
std::string addressFromForwardedHeader(const std::string& value);

} // namespace enroll::server
