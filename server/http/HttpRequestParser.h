// HTTP/1.1 requests read from a byte stream, for the event-driven listener behind nginx: the
// request line, the header fields and a Content-Length body, each bounded. Free of sockets, so it
// is unit-tested and fuzzed on its own; the listener only feeds it what recv() gave.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace enroll::server {

// Views into the parser's copy of the head: valid until the parser's next reset().
struct HttpRequestHead
{
    std::string_view method;
    std::string_view target; // as sent: path and query
    int minorVersion = 1; // HTTP/1.<minorVersion>
    std::vector<std::pair<std::string_view, std::string_view>> fields;

    // The first field of that name (case-insensitive), or "" when there is none.
    [[nodiscard]] std::string_view field(std::string_view name) const;
    // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    [[nodiscard]] bool keepAlive() const;
};

// The path of a request target, without its query: origin-form ("/api/v1/me?x") as it is, and
// absolute-form ("https://host:port/api/v1/me"), which HTTP/1.1 servers must accept (RFC 9112
// §3.2.2) and some clients send even inside a proxy's tunnel (Wine's WinHTTP does), reduced to it.
std::string_view requestPath(std::string_view target);

struct HttpParserLimits
{
    std::size_t maxHead = 64 * 1024;   // request line and fields (a forwarded certificate is ~4 KB)
    std::size_t maxFields = 100;
    std::size_t maxBody = 64 * 1024;   // larger: the request completes without a body (TOO_LARGE)
    std::size_t drainLimit = 256 * 1024; // a larger body is not read at all; the connection closes
};

class HttpRequestParser
{
public:
    explicit HttpRequestParser(HttpParserLimits limits = {}) : limits_(limits) {}

    enum class Status {
        NeedMore, // give it more bytes
        Complete, // head() and body() hold a request
        Failed,   // not HTTP this listener reads: answer failureStatus() and close
    };

    // Takes what it uses from the front of `input` (bytes of a next request stay there).
    Status feed(std::string& input);

    [[nodiscard]] const HttpRequestHead& head() const { return head_; }
    // The body; nullopt when it was over maxBody (drained up to drainLimit, never kept).
    [[nodiscard]] const std::optional<std::string>& body() const { return body_; }
    // After Complete: the connection must close after the answer (a body too large to drain,
    // or the client asked to).
    [[nodiscard]] bool closeAfter() const { return closeAfter_; }
    // After Failed: 400 (malformed), 411 (no length for a body), 413 (head too large),
    // 501 (a transfer coding), 505 (not HTTP/1.x).
    [[nodiscard]] int failureStatus() const { return failureStatus_; }
    // True while nothing of a request has arrived yet (an idle keep-alive connection).
    [[nodiscard]] bool idle() const { return phase_ == Phase::Head && headBytes_ == 0; }

    // Ready for the next request on the same connection.
    void reset();

private:
    enum class Phase { Head, Body, Discard, Done, Failed };
    Status fail(int status);
    Status parseHead();

    HttpParserLimits limits_;
    Phase phase_ = Phase::Head;
    std::size_t headBytes_ = 0; // bytes of the head seen so far, across feeds
    std::string headText_; // the head as received; head_ points into it (its capacity is kept)
    HttpRequestHead head_;
    std::optional<std::string> body_;
    std::size_t remaining_ = 0; // body bytes still to read or to discard
    bool closeAfter_ = false;
    int failureStatus_ = 0;
};

} // namespace enroll::server
