// HTTPS on Windows with the certificate's key used in place (SPEC §4.2: the key is not
// exportable): WinHTTP with the certificate context from the current user's store for mutual TLS.
// The server is checked against the bank's CA bundle before any request body is sent.
// Win32 only: no Qt, no OpenSSL.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace enroll::winhttp {

struct Request
{
    std::wstring method = L"GET";
    std::wstring host;
    std::uint16_t port = 443;
    std::wstring path;
    std::string body; // sent only after the server was verified
    std::vector<std::pair<std::wstring, std::wstring>> headers;
    std::string clientCertificateThumbprint;          // in current-user MY; empty: none
    std::vector<std::vector<std::uint8_t>> trustedCaDer; // the server's issuer must be one; empty: Windows decides
    unsigned long timeoutMs = 30000;
};

struct Response
{
    enum class Error { None, Unreachable, Untrusted, Timeout, ClientCertificate, Other };
    Error error = Error::None;
    int status = 0;
    std::string body;
    std::string message; // one line for people and logs
};

Response send(const Request& request);

} // namespace enroll::winhttp
