#include "http/HttpTransport.h"

#include "http/HttpRequestParser.h"

#include "ca/SigningKey.h"
#include "service/ComputeGate.h"
#include "service/RequestLog.h"
#include "store/Store.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/Stopwatch.h>
#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>

namespace enroll::server {

void Router::add(const std::string& method, const std::string& path, ApiHandler handler)
{
    exact_[{method, path}] = Route{std::move(handler), method + ' ' + path};
}

void Router::addPrefix(const std::string& method, const std::string& prefix, ApiHandler handler)
{
    prefixes_.emplace_back(method, prefix, Route{std::move(handler), method + ' ' + prefix + '*'});
}

Result<const Router::Route*> Router::route(const std::string& method, const std::string& path) const
{
    bool pathKnown = false;
    for (const auto& [key, route] : exact_) {
        if (key.second == path) {
            if (key.first == method) {
                return &route;
            }
            pathKnown = true;
        }
    }
    for (const auto& [m, prefix, route] : prefixes_) {
        if (path.size() > prefix.size() && path.starts_with(prefix)) {
            if (m == method) {
                return &route;
            }
            pathKnown = true;
        }
    }
    return Error::of(pathKnown ? ErrorCode::MethodNotAllowed : ErrorCode::NotFound);
}

ossl::X509Ptr certificateFromForwardedHeader(std::string_view value)
{
    if (value.empty() || value.size() > kBodyLimit) {
        return {};
    }
    std::string pem;
    try {
        Poco::URI::decode(std::string(value), pem);
    } catch (const Poco::Exception&) {
        return {};
    }
    return ossl::certificateFromPem(pem);
}

ossl::X509Ptr ForwardedCertificates::parse(std::string_view header)
{
    const auto copy = [](const ossl::X509Ptr& cert) {
        if (cert) {
            X509_up_ref(cert.get());
        }
        return ossl::X509Ptr(cert.get());
    };
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = parsed_.find(header); it != parsed_.end()) {
            return copy(it->second);
        }
    }
    auto cert = certificateFromForwardedHeader(header);
    if (cert) {
        const std::lock_guard lock(mutex_);
        if (parsed_.size() >= 4096) {
            parsed_.clear(); // bounded: start afresh rather than grow
        }
        parsed_.emplace(header, copy(cert));
    }
    return cert;
}

std::string addressFromForwardedHeader(std::string_view value)
{
    Poco::Net::IPAddress address;
    if (value.empty() || value.size() > 64 || !Poco::Net::IPAddress::tryParse(std::string(value), address)) {
        return {};
    }
    return address.toString();
}

namespace {

const std::string kAbsent; // what Poco's get() returns a reference to for a header not sent

Poco::Logger& accessLog()
{
    return Poco::Logger::get("http");
}

// What is read and thrown away of a body over the limit, so that the client (or nginx) has sent
// it all when the TOO_LARGE answer comes; a larger one is cut off with the connection.
constexpr std::size_t kDrainLimit = 256 * 1024;

void drain(std::istream& in, std::size_t already)
{
    char buffer[8192];
    while (in && already < kDrainLimit) {
        in.read(buffer, sizeof buffer);
        already += static_cast<std::size_t>(in.gcount());
    }
}

// Reads at most kBodyLimit bytes; nothing when the body is larger (TOO_LARGE).
std::optional<std::string> readBody(Poco::Net::HTTPServerRequest& request)
{
    std::istream& in = request.stream();
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(kBodyLimit)) {
        if (request.getContentLength64() <= static_cast<Poco::Int64>(kDrainLimit)) {
            drain(in, 0);
        }
        return std::nullopt;
    }
    std::string body;
    char buffer[4096];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > kBodyLimit) {
            drain(in, body.size());
            return std::nullopt;
        }
    }
    return body;
}

ossl::X509Ptr peerCertificate(Poco::Net::HTTPServerRequest& request)
{
    auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
    if (impl == nullptr) {
        return {};
    }
    try {
        Poco::Net::SecureStreamSocket socket(impl->socket());
        if (!socket.havePeerCertificate()) {
            return {};
        }
        const auto cert = socket.peerCertificate();
        return ossl::X509Ptr(X509_dup(const_cast<X509*>(cert.certificate())));
    } catch (const Poco::Exception&) {
        return {}; // not a TLS socket, or no certificate
    }
}

std::string bearerOf(const IncomingRequest& request)
{
    const auto header = request.field("Authorization");
    constexpr std::string_view kScheme = "bearer ";
    if (header.size() <= kScheme.size()) {
        return {};
    }
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) {
            return {};
        }
    }
    return std::string(header.substr(kScheme.size()));
}

// 503 UNAVAILABLE with Retry-After: 1; nothing was done, the client may try again shortly.
ApiResponse unavailable(const ApiRequest& api)
{
    auto error = Error::of(ErrorCode::Unavailable);
    error.retryAfterSeconds = 1;
    return errorResponse(error, api.language);
}

ApiResponse busy(const ApiRequest& api)
{
    accessLog().warning(LogLine("busy, answered UNAVAILABLE").addRequest().add("remote", api.remote).add("method", api.method)
                            .add("path", api.path).str());
    return unavailable(api);
}

class ApiRequestHandler final : public Poco::Net::HTTPRequestHandler
{
public:
    explicit ApiRequestHandler(ApiDispatcher& dispatcher) : dispatcher_(dispatcher) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        IncomingRequest incoming;
        incoming.method = request.getMethod();
        incoming.target = request.getURI();
        incoming.body = readBody(request);
        incoming.field = [&request](const char* name) -> std::string_view { return request.get(name, kAbsent); };
        const auto& peer = request.clientAddress();
        // a Unix socket's peer has no host (the metrics listener's "unix:" form)
        incoming.socketPeer = peer.family() == Poco::Net::SocketAddress::UNIX_LOCAL ? std::string("local") : peer.host().toString();
        incoming.tlsPeer = [&request] { return peerCertificate(request); };
        const ApiResponse answer = dispatcher_.serve(incoming);

        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        for (const auto& [name, value] : kCommonResponseHeaders) {
            if (!overridden(answer, name)) {
                response.set(name, value);
            }
        }
        for (const auto& [name, value] : answer.headers) {
            response.set(name, value);
        }
        if (answer.status == 204 || answer.status == 304) {
            response.setContentLength(0);
            response.send();
        } else {
            response.setContentType(answer.contentType);
            response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
            response.send().write(answer.body.data(), static_cast<std::streamsize>(answer.body.size()));
        }
    }

private:
    ApiDispatcher& dispatcher_;
};

} // namespace

bool overridden(const ApiResponse& response, std::string_view name)
{
    return std::any_of(response.headers.begin(), response.headers.end(),
                       [name](const auto& header) { return Poco::icompare(header.first, std::string(name)) == 0; });
}

ApiResponse ApiDispatcher::serve(const IncomingRequest& request)
{
    Poco::Stopwatch watch;
    watch.start();
    auto requestId = source_ == PeerSource::ForwardedHeaders ? acceptedRequestId(request.field(kRequestIdHeader)) : std::string();
    const RequestScope scope(requestId.empty() ? newRequestId() : std::move(requestId));
    ApiRequest api;
    api.method = request.method;
    api.path = std::string(requestPath(request.target));
    api.language = languageFromTag(request.field("Accept-Language"));
    api.remote = clientAddress(request);
    api.ifNoneMatch = std::string(request.field("If-None-Match"));
    api.mayBlock = request.mayBlock;
    if (source_ == PeerSource::ForwardedHeaders) {
        // only a count nginx set can say "not the first request of this connection"
        const auto count = request.field(kClientConnectionRequestsHeader);
        long n = 0;
        const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), n);
        api.sameConnection = !count.empty() && error == std::errc() && end == count.data() + count.size() && n > 1;
    }
    std::string_view routeName = Router::kUnmatched;
    ApiResponse answer = dispatch(request, api, routeName);
    if (answer.needsBlockingWorker) {
        return answer; // logged and counted where it is answered
    }
    // method, path and status only: bodies carry passwords and codes
    accessLog().information(LogLine("request")
                                .add("request_id", currentRequest().id)
                                .add("remote", api.remote)
                                .add("method", api.method)
                                .add("path", api.path)
                                .add("status", answer.status)
                                .add("duration_ms", static_cast<long long>(watch.elapsed() / 1000))
                                .add("route", routeName)
                                .add("user", currentRequest().user)
                                .add("contract", currentRequest().contract)
                                .str());
    if (metrics_ != nullptr) {
        metrics_->request(routeName, answer.status, static_cast<double>(watch.elapsed()) / 1e6);
    }
    answer.headers.emplace_back(kRequestIdHeader, currentRequest().id);
    return answer;
}

std::string ApiDispatcher::clientAddress(const IncomingRequest& request) const
{
    if (source_ == PeerSource::ForwardedHeaders) {
        auto forwarded = addressFromForwardedHeader(request.field(kClientAddressHeader));
        return forwarded.empty() ? std::string("forwarded-unknown") : forwarded;
    }
    return request.socketPeer;
}

ApiResponse ApiDispatcher::dispatch(const IncomingRequest& request, ApiRequest& api, std::string_view& routeName)
{
    try {
        const auto route = router_.route(api.method, api.path);
        if (!route) {
            return errorResponse(route.error(), api.language);
        }
        routeName = route.value()->name;
        if (!request.body) {
            return errorResponse(Error::of(ErrorCode::TooLarge), api.language);
        }
        const std::string& body = *request.body;
        api.body = new Poco::JSON::Object;
        if (const auto type = request.field("Content-Type");
            type.starts_with("application/ocsp-request") || type.starts_with("application/pkcs10")) {
            api.raw = body; // DER for the OCSP responder, base64 DER for EST
        } else if (body.find_first_not_of(" \t\r\n") != std::string::npos) {
            try {
                Poco::JSON::Parser parser;
                const auto parsed = parser.parse(body);
                api.body = parsed.extract<Poco::JSON::Object::Ptr>();
            } catch (const Poco::Exception&) {
                return errorResponse(Error::invalid({}), api.language); // not a JSON object
            } catch (const std::exception&) {
                return errorResponse(Error::invalid({}), api.language);
            }
        }
        api.bearer = bearerOf(request);
        if (source_ == PeerSource::ForwardedHeaders) {
            api.peer = forwarded_.parse(request.field(kClientCertificateHeader));
        } else if (request.tlsPeer) {
            api.peer = request.tlsPeer();
        }
        return route.value()->handler(api);
    } catch (const StoreBusy&) {
        return busy(api);
    } catch (const StoreUnavailable& e) {
        // a full disk, an I/O error, the database server gone: nothing was written (rolled back)
        accessLog().error(LogLine("the database is unavailable, answered UNAVAILABLE").addRequest().add("remote", api.remote)
                              .add("method", api.method).add("path", api.path).add("error", e.what()).str());
        return unavailable(api);
    } catch (const KeyUnavailable& e) {
        // the signing token is away: nothing was signed or consumed (the key retries by itself)
        accessLog().error(LogLine("the signing key is unavailable, answered UNAVAILABLE").addRequest().add("remote", api.remote)
                              .add("method", api.method).add("path", api.path).add("error", e.what()).str());
        return unavailable(api);
    } catch (const ServiceBusy&) {
        // every Argon2id slot stayed taken through the wait: nothing was checked or counted
        return busy(api);
    } catch (const Poco::Exception& e) {
        accessLog().error(LogLine("failed").addRequest().add("method", api.method).add("path", api.path)
                              .add("error", e.displayText()).str());
    } catch (const std::exception& e) {
        accessLog().error(LogLine("failed").addRequest().add("method", api.method).add("path", api.path).add("error", e.what()).str());
    }
    return errorResponse(Error::of(ErrorCode::Internal), api.language);
}

Poco::Net::HTTPRequestHandler* ApiRequestHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&)
{
    return new ApiRequestHandler(dispatcher_); // NOLINT(cppcoreguidelines-owning-memory): Poco takes ownership
}

} // namespace enroll::server
