// Any bytes nginx could forward, through the server's real path: the HTTP/1.1 parser of the
// listener behind nginx, then (for each complete request, pipelined ones too) the dispatcher with
// its forwarded certificate and address headers, the routes, the JSON reading and validation of
// every endpoint, the services and an SQLite store. Whatever comes in: no crash, no sanitizer
// report, never 500, and every refusal is the API's error body (a code, a Japanese or English
// message) that names nothing of the inside.
#include "ServerFixture.h"

#include "http/HttpRequestParser.h"

#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <cstdio>

namespace {

enroll::fuzz::ServerFixture& fixture()
{
    static enroll::fuzz::ServerFixture server;
    return server;
}

[[noreturn]] void broken(const char* what, const enroll::server::ApiResponse& response)
{
    std::fprintf(stderr, "%s: %d %s\n%s\n", what, response.status, response.contentType.c_str(), response.body.c_str());
    std::abort();
}

void check(const enroll::server::ApiResponse& response)
{
    if (response.status >= 500 && response.status != 503) {
        broken("a server error", response);
    }
    if (response.status < 400 || response.contentType.find("json") == std::string::npos) {
        return;
    }
    Poco::JSON::Object::Ptr body;
    try {
        body = Poco::JSON::Parser().parse(response.body).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        broken("an error body that is not JSON", response);
    }
    const auto error = body->getObject("error");
    if (!error || error->getValue<std::string>("code").empty() || error->getValue<std::string>("message").empty()) {
        broken("an error body without code and message", response);
    }
    for (const char* inside : {"Poco", "sqlite", "SQLite", "std::", "Exception", "exception", "/tmp/"}) {
        if (response.body.find(inside) != std::string::npos) {
            broken("an error body that names the inside", response);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto& server = fixture();
    std::string input(reinterpret_cast<const char*>(data), size);
    enroll::server::HttpRequestParser parser;
    for (int requests = 0; requests < 8; ++requests) {
        const auto status = parser.feed(input);
        if (status != enroll::server::HttpRequestParser::Status::Complete) {
            if (status == enroll::server::HttpRequestParser::Status::Failed) {
                const int answer = parser.failureStatus();
                if (answer != 400 && answer != 411 && answer != 413 && answer != 501 && answer != 505) {
                    std::fprintf(stderr, "the parser failed with %d\n", answer);
                    std::abort();
                }
            }
            break;
        }
        const auto& head = parser.head();
        enroll::server::IncomingRequest request;
        request.method = std::string(head.method);
        request.target = std::string(head.target);
        request.body = parser.body();
        request.field = [&head](const char* name) { return head.field(name); };
        check(server.dispatcher().serve(request));
        if (parser.closeAfter()) {
            break;
        }
        parser.reset();
    }
    return 0;
}
