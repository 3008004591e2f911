// The Poco side of the API: routes (method + path) to handlers, bounded bodies, JSON parsing,
// the TLS peer certificate, the error body for anything that goes wrong, and the access log.
#pragma once

#include "http/Api.h"
#include "metrics/ServerMetrics.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <map>
#include <optional>
#include <mutex>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enroll::server {

inline constexpr std::size_t kBodyLimit = 64 * 1024; // API.md: TOO_LARGE above 64 KiB

class Router
{
public:
    // A route: its handler, and its name as a metric's label ("GET /api/v1/me",
    // "DELETE /api/v1/users/*"), made once when the route is added.
    struct Route
    {
        ApiHandler handler;
        std::string name;
    };

    void add(const std::string& method, const std::string& path, ApiHandler handler);
    // For paths with a trailing parameter, such as DELETE /api/v1/users/{userId}.
    void addPrefix(const std::string& method, const std::string& prefix, ApiHandler handler);

    // The route of a request, or NOT_FOUND / METHOD_NOT_ALLOWED. A request that finds none is
    // counted as "unmatched" (kUnmatched): a label per unknown path would let anyone grow the metrics.
    [[nodiscard]] Result<const Route*> route(const std::string& method, const std::string& path) const;
    static constexpr const char* kUnmatched = "unmatched";

private:
    std::map<std::pair<std::string, std::string>, Route> exact_;
    std::vector<std::tuple<std::string, std::string, Route>> prefixes_;
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
// The request's id: nginx's $request_id (in its access log too), believed behind nginx only; the
// server makes one otherwise. Sent back on every answer, so that a clerk's report names it.
inline constexpr const char* kRequestIdHeader = "X-Request-Id";

// The certificates nginx forwards, parsed once each: a busy client sends the same header on
// every request. Bounded; the certificate is still verified on every request.
class ForwardedCertificates
{
public:
    ossl::X509Ptr parse(std::string_view header);

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::mutex mutex_;
    std::unordered_map<std::string, ossl::X509Ptr, Hash, std::equal_to<>> parsed_;
};

// One request as a transport read it, before the API makes sense of it.
struct IncomingRequest
{
    std::string method;
    std::string target;      // path and query as sent
    std::optional<std::string> body; // nullopt: over kBodyLimit (TOO_LARGE)
    // A request header, "" when absent; valid while the request is.
    std::function<std::string_view(const char* name)> field;
    std::string socketPeer;  // the connected socket's peer address (the TLS listener's clients)
    std::function<ossl::X509Ptr()> tlsPeer; // the TLS handshake's client certificate, if any
    bool mayBlock = true;    // false on the forwarded listener's event workers
};

// Turns an incoming request into the API's answer, whatever the transport: the route, the
// bounded JSON body, the client's certificate and address from where this listener believes
// them, the handler, the error body for anything that goes wrong, and the access log.
class ApiDispatcher
{
public:
    // `metrics`: where each request's route, status and duration are counted; null: nowhere.
    ApiDispatcher(const Router& router, PeerSource source, metrics::ServerMetrics* metrics = nullptr)
        : router_(router), source_(source), metrics_(metrics)
    {
    }
    ApiResponse serve(const IncomingRequest& request);

private:
    // `routeName`: set to the route's name once the request has found one.
    ApiResponse dispatch(const IncomingRequest& request, ApiRequest& api, std::string_view& routeName);
    std::string clientAddress(const IncomingRequest& request) const;

    const Router& router_;
    PeerSource source_;
    metrics::ServerMetrics* metrics_;
    ForwardedCertificates forwarded_;
};

// The headers every answer carries, beside the handler's own.
inline constexpr std::pair<const char*, const char*> kCommonResponseHeaders[] = {
    {"Cache-Control", "no-store"},
    {"X-Content-Type-Options", "nosniff"},
};

// Whether the handler set a header of this name itself (then the common one is left out).
bool overridden(const ApiResponse& response, std::string_view name);

// Poco's HTTPServer side (the embedded TLS listener).
class ApiRequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit ApiRequestHandlerFactory(ApiDispatcher& dispatcher) : dispatcher_(dispatcher) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    ApiDispatcher& dispatcher_;
};

// The certificate in a forwarded header (URL-encoded PEM); empty when absent or unreadable.
ossl::X509Ptr certificateFromForwardedHeader(std::string_view value);
// The client address in a forwarded header, normalised; empty when it is not an IP address.
std::string addressFromForwardedHeader(std::string_view value);

} // namespace enroll::server
