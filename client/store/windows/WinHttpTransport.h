// HTTPS on Windows with the certificate's key used in place (SPEC §4.2: the key is not
// exportable): WinHTTP with the certificate context from the current user's store for mutual TLS.
// The server is checked against the bank's CA bundle before any request body is sent. The proxy is
// the one the client resolved (never WinHTTP's own default); a proxy asking for Negotiate or NTLM
// gets the logged-on user's credentials, Basic only what the user gave.
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
    std::wstring proxy;         // "host:port" (the client's ProxyResolver); empty: direct
    std::wstring proxyUser;     // Basic credentials for the proxy, when the user gave them
    std::wstring proxyPassword;
};

struct Response
{
    enum class Error { None, Unreachable, Untrusted, Timeout, ClientCertificate, ProxyUnreachable, ProxyAuth, ProxyRefused, Other };
    Error error = Error::None;
    std::string realm; // ProxyAuth: the proxy's Basic realm
    int status = 0;
    std::string body;
    std::string message; // one line for people and logs
};

Response send(const Request& request);

} // namespace enroll::winhttp
