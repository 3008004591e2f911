// The server's log lines in logfmt (docs/operations.md, "Logs"): key=value pairs an operator can
// search with journalctl -g or grep — one line per request (its id, route, status, duration,
// remote address, and the user or contract when known) and one per security event with the same
// request id. Values are quoted and escaped so that nothing a client sends can start a new line
// or forge a field. Never a password, code, token or key: the callers give only names, numbers
// and addresses.
#pragma once

#include <string>
#include <string_view>

namespace enroll::server {

// The request this thread is answering: set by the transport for the time of one request, read by
// the log lines written meanwhile (the audit log's events among them). Empty outside a request.
struct RequestContext
{
    std::string id;
    std::string user;     // the signed-in user, or the user an event named
    std::string contract; // the contract an event named
};
[[nodiscard]] RequestContext& currentRequest();

// Sets this thread's request for the scope's lifetime, then clears it.
class RequestScope
{
public:
    explicit RequestScope(std::string id);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;
};

// A new request id: 16 hex digits, random.
[[nodiscard]] std::string newRequestId();
// A request id given by nginx ($request_id): 1–64 letters, digits, '-' or '_'; otherwise empty.
[[nodiscard]] std::string acceptedRequestId(std::string_view given);

// One value as logfmt writes it: bare when it is plain, otherwise in quotes with \ " escaped and
// control characters as \n, \r, \t or \xNN.
[[nodiscard]] std::string logfmtValue(std::string_view value);

// A line of key=value pairs, in the order added; an empty value is left out.
class LogLine
{
public:
    explicit LogLine(std::string_view message) { add("msg", message); }
    LogLine& add(std::string_view key, std::string_view value);
    LogLine& add(std::string_view key, long long value);
    // request_id, user and contract of the current request, when known
    LogLine& addRequest();
    [[nodiscard]] const std::string& str() const { return text_; }

private:
    std::string text_;
};

// The line of one security event (an audit row, committed), with the current request's id; also
// notes the user or contract it names for the request's own line.
[[nodiscard]] std::string securityEventLine(const std::string& event, const std::string& subject, const std::string& remote,
                                            const std::string& detail);

} // namespace enroll::server
