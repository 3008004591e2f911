#include "WinHttpTransport.h"
#include "WinStoreDetail.h"

#include <windows.h>
#include <wincrypt.h>
#include <winhttp.h>

#include <algorithm>
#include <memory>

namespace enroll::winhttp {
namespace {

struct InternetCloser
{
    void operator()(void* handle) const noexcept { WinHttpCloseHandle(handle); }
};
using Internet = std::unique_ptr<void, InternetCloser>;

using enroll::winstore::detail::Context; // the store module's owners of CryptoAPI handles
using enroll::winstore::detail::Store;

Response failure(Response::Error error, std::string message)
{
    Response r;
    r.error = error;
    r.message = std::move(message);
    return r;
}

Response fromLastError(const char* step, bool viaProxy = false)
{
    const DWORD code = GetLastError();
    std::string what = std::string(step) + " failed (WinHTTP error " + std::to_string(code) + ")";
    switch (code) {
    case ERROR_WINHTTP_CANNOT_CONNECT:
    case ERROR_WINHTTP_NAME_NOT_RESOLVED:
    case ERROR_WINHTTP_CONNECTION_ERROR:
        // through a proxy the connection that failed is the proxy's (the bank's name is its to resolve)
        return viaProxy && code != ERROR_WINHTTP_CONNECTION_ERROR
                   ? failure(Response::Error::ProxyUnreachable, "the proxy cannot be reached: " + what)
                   : failure(Response::Error::Unreachable, "the server cannot be reached: " + what);
    case ERROR_WINHTTP_TIMEOUT:
        return failure(Response::Error::Timeout, "the server did not answer in time");
    case ERROR_WINHTTP_SECURE_FAILURE:
    case ERROR_WINHTTP_SECURE_INVALID_CA:
    case ERROR_WINHTTP_SECURE_CERT_CN_INVALID:
    case ERROR_WINHTTP_SECURE_CERT_DATE_INVALID:
    case ERROR_WINHTTP_SECURE_CHANNEL_ERROR: // Wine's schannel for a certificate of another name
        return failure(Response::Error::Untrusted, "the server's certificate is not trusted: " + what);
    case ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED:
        return failure(Response::Error::ClientCertificate, "the server asks for a client certificate");
    default:
        return failure(Response::Error::Other, what);
    }
}

std::vector<BYTE> unhex(const std::string& text)
{
    std::vector<BYTE> out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        out.push_back(static_cast<BYTE>(std::stoul(text.substr(i, 2), nullptr, 16)));
    }
    return out;
}

Context clientCertificate(const std::string& thumbprint)
{
    Store my(CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"MY"));
    if (!my || thumbprint.size() != 40) {
        return Context();
    }
    auto hash = unhex(thumbprint);
    CRYPT_HASH_BLOB blob{static_cast<DWORD>(hash.size()), hash.data()};
    return Context(CertFindCertificateInStore(my.get(), X509_ASN_ENCODING | PKCS_7_ASN_ENCODING, 0, CERT_FIND_SHA1_HASH,
                                              &blob, nullptr));
}

// The server's certificate through Windows' own chain engine with the bank's bundle as the only
// root (hExclusiveRoot: neither the machine's roots nor anything a user added count), the
// intermediates the server sent, the SSL policy with the server's name, and the chain's top one
// of the bundle's certificates. Empty when the bank's server; otherwise why not.
std::string whyNotTheBank(HINTERNET request, const std::vector<std::vector<std::uint8_t>>& trusted, const std::wstring& host)
{
    const CERT_CONTEXT* raw = nullptr;
    DWORD size = sizeof raw;
    if (!WinHttpQueryOption(request, WINHTTP_OPTION_SERVER_CERT_CONTEXT, &raw, &size) || raw == nullptr) {
        return "no server certificate";
    }
    Context server(raw);
    const auto roots = enroll::winstore::detail::memoryStore(trusted);
    if (!roots) {
        return "no memory store";
    }
    const auto engine = enroll::winstore::detail::exclusiveChainEngine(roots.get());
    if (!engine) {
        return "no chain engine";
    }
    LPSTR serverAuth[] = {const_cast<LPSTR>(szOID_PKIX_KP_SERVER_AUTH)};
    auto para = enroll::winstore::detail::chainParaFor(serverAuth);
    const CERT_CHAIN_CONTEXT* chain = nullptr;
    std::string why;
    if (!CertGetCertificateChain(static_cast<HCERTCHAINENGINE>(engine.get()), server.get(), nullptr, server->hCertStore,
                                 &para, 0, nullptr, &chain) ||
        chain == nullptr || chain->cChain == 0) {
        why = "no chain to the bank's CA";
    } else {
        SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl{};
        ssl.cbSize = sizeof ssl;
        ssl.dwAuthType = AUTHTYPE_SERVER;
        ssl.pwszServerName = const_cast<wchar_t*>(host.c_str());
        CERT_CHAIN_POLICY_PARA policy{};
        policy.cbSize = sizeof policy;
        policy.pvExtraPolicyPara = &ssl;
        CERT_CHAIN_POLICY_STATUS status{};
        status.cbSize = sizeof status;
        const auto* simple = chain->rgpChain[0];
        const auto* top = simple->rgpElement[simple->cElement - 1]->pCertContext;
        bool topIsTheBanks = false;
        for (const auto& der : trusted) {
            topIsTheBanks = topIsTheBanks || (top->cbCertEncoded == der.size() &&
                                              std::equal(der.begin(), der.end(), top->pbCertEncoded));
        }
        if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy, &status)) {
            why = "the SSL policy could not be checked";
        } else if (status.dwError != 0) {
            why = status.dwError == static_cast<DWORD>(CERT_E_CN_NO_MATCH) ? "the certificate is for another name"
                  : status.dwError == static_cast<DWORD>(CERT_E_EXPIRED)   ? "the certificate is outside its validity"
                                                                           : "the chain is not the bank's (policy error)";
        } else if (!topIsTheBanks) {
            why = "the chain does not end at the bank's CA";
        }
    }
    if (chain != nullptr) {
        CertFreeCertificateChain(chain);
    }
    return why;
}

// The realm of a proxy's Basic challenge (Proxy-Authenticate: Basic realm="…").
std::string proxyRealm(HINTERNET request)
{
    for (DWORD index = 0;;) {
        wchar_t value[512];
        DWORD size = sizeof value;
        if (!WinHttpQueryHeaders(request, WINHTTP_QUERY_PROXY_AUTHENTICATE, WINHTTP_HEADER_NAME_BY_INDEX, value, &size, &index)) {
            return {};
        }
        const std::wstring header(value, size / sizeof(wchar_t));
        const auto at = header.find(L"realm=\"");
        if (at != std::wstring::npos) {
            const auto end = header.find(L'"', at + 7);
            const auto realm = header.substr(at + 7, end == std::wstring::npos ? std::wstring::npos : end - at - 7);
            std::string ascii;
            for (const wchar_t c : realm) {
                ascii += c < 0x80 ? static_cast<char>(c) : '?';
            }
            return ascii;
        }
    }
}

// After a 407: the logged-on user for Negotiate/NTLM, the user's Basic credentials if given.
// false when nothing can be offered (the caller reports ProxyAuth).
bool offerProxyCredentials(HINTERNET http, const Request& request)
{
    DWORD supported = 0;
    DWORD first = 0;
    DWORD target = 0;
    if (!WinHttpQueryAuthSchemes(http, &supported, &first, &target) || target != WINHTTP_AUTH_TARGET_PROXY) {
        return false;
    }
    for (const DWORD scheme : {DWORD(WINHTTP_AUTH_SCHEME_NEGOTIATE), DWORD(WINHTTP_AUTH_SCHEME_NTLM)}) {
        if ((supported & scheme) != 0) {
            return WinHttpSetCredentials(http, WINHTTP_AUTH_TARGET_PROXY, scheme, nullptr, nullptr, nullptr) != FALSE;
        }
    }
    if ((supported & WINHTTP_AUTH_SCHEME_BASIC) != 0 && !request.proxyUser.empty()) {
        return WinHttpSetCredentials(http, WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, request.proxyUser.c_str(),
                                     request.proxyPassword.c_str(), nullptr) != FALSE;
    }
    return false;
}

} // namespace

Response send(const Request& request)
{
    const bool viaProxy = !request.proxy.empty();
    Internet session(WinHttpOpen(L"RokinEnroll/1.0", viaProxy ? WINHTTP_ACCESS_TYPE_NAMED_PROXY : WINHTTP_ACCESS_TYPE_NO_PROXY,
                                 viaProxy ? request.proxy.c_str() : WINHTTP_NO_PROXY_NAME, WINHTTP_NO_PROXY_BYPASS, 0));
    if (!session) {
        return fromLastError("WinHttpOpen");
    }
    const int timeout = static_cast<int>(request.timeoutMs);
    WinHttpSetTimeouts(session.get(), timeout, timeout, timeout, timeout);
    DWORD protocols = WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2;
#ifdef WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3
    protocols |= WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3;
#endif
    WinHttpSetOption(session.get(), WINHTTP_OPTION_SECURE_PROTOCOLS, &protocols, sizeof protocols);
    Internet connection(WinHttpConnect(session.get(), request.host.c_str(), request.port, 0));
    if (!connection) {
        return fromLastError("WinHttpConnect", viaProxy);
    }
    Internet http(WinHttpOpenRequest(connection.get(), request.method.c_str(), request.path.c_str(), nullptr,
                                     WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES, WINHTTP_FLAG_SECURE));
    if (!http) {
        return fromLastError("WinHttpOpenRequest", viaProxy);
    }
    // Each request presents its own certificate (or none): its connection must not serve another
    // request. WinHTTP pools connections by host (Wine across sessions too), so a renewal's confirm
    // would otherwise go out on the connection of the old certificate.
    DWORD feature = WINHTTP_DISABLE_KEEP_ALIVE;
    WinHttpSetOption(http.get(), WINHTTP_OPTION_DISABLE_FEATURE, &feature, sizeof feature);
    if (viaProxy) {
        // Negotiate and NTLM to the proxy with the logged-on user's credentials, never to the bank
        DWORD autologon = WINHTTP_AUTOLOGON_SECURITY_LEVEL_HIGH;
        WinHttpSetOption(http.get(), WINHTTP_OPTION_AUTOLOGON_POLICY, &autologon, sizeof autologon);
    }
    if (!request.trustedCaDer.empty()) {
        // WinHTTP checks name and dates against the machine's roots; the bank's own chain is
        // checked below with its bundle as the only root, before the body leaves
        DWORD flags = SECURITY_FLAG_IGNORE_UNKNOWN_CA;
        WinHttpSetOption(http.get(), WINHTTP_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
    }
    Context certificate;
    if (!request.clientCertificateThumbprint.empty()) {
        certificate = clientCertificate(request.clientCertificateThumbprint);
        if (!certificate) {
            return failure(Response::Error::ClientCertificate, "the certificate is not in the personal store");
        }
        WinHttpSetOption(http.get(), WINHTTP_OPTION_CLIENT_CERT_CONTEXT, const_cast<CERT_CONTEXT*>(certificate.get()),
                         sizeof(CERT_CONTEXT));
    } else {
        // the server asks every client for a certificate; answer "none" instead of failing
        WinHttpSetOption(http.get(), WINHTTP_OPTION_CLIENT_CERT_CONTEXT, WINHTTP_NO_CLIENT_CERT_CONTEXT, 0);
    }
    std::wstring headers;
    for (const auto& [name, value] : request.headers) {
        headers += name + L": " + value + L"\r\n";
    }
    Response response;
    // a 407 answered (Negotiate/NTLM, or Basic with the user's credentials): at most twice more
    for (int round = 0;; ++round) {
        // headers now, the body only once the server is known to be the bank's
        if (!WinHttpSendRequest(http.get(), headers.empty() ? WINHTTP_NO_ADDITIONAL_HEADERS : headers.c_str(),
                                headers.empty() ? 0 : static_cast<DWORD>(-1L), WINHTTP_NO_REQUEST_DATA, 0,
                                static_cast<DWORD>(request.body.size()), 0)) {
            return fromLastError("WinHttpSendRequest", viaProxy);
        }
        const CERT_CONTEXT* peek = nullptr;
        DWORD peekSize = sizeof peek;
        const bool tunnelled = WinHttpQueryOption(http.get(), WINHTTP_OPTION_SERVER_CERT_CONTEXT, &peek, &peekSize) && peek;
        if (peek != nullptr) {
            CertFreeCertificateContext(peek);
        }
        if (viaProxy && !tunnelled && request.body.empty()) {
            // no TLS yet: the proxy answered the CONNECT itself (407 or a refusal), read below
        } else if (!request.trustedCaDer.empty()) {
            if (const auto why = whyNotTheBank(http.get(), request.trustedCaDer, request.host); !why.empty()) {
                return failure(Response::Error::Untrusted, "the server's certificate is not from the bank's CA: " + why);
            }
        }
        DWORD written = 0;
        if (tunnelled && !request.body.empty() &&
            !WinHttpWriteData(http.get(), request.body.data(), static_cast<DWORD>(request.body.size()), &written)) {
            return fromLastError("WinHttpWriteData", viaProxy);
        }
        if (!WinHttpReceiveResponse(http.get(), nullptr)) {
            return fromLastError("WinHttpReceiveResponse", viaProxy);
        }
        DWORD status = 0;
        DWORD size = sizeof status;
        WinHttpQueryHeaders(http.get(), WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER, WINHTTP_HEADER_NAME_BY_INDEX,
                            &status, &size, WINHTTP_NO_HEADER_INDEX);
        response.status = static_cast<int>(status);
        if (viaProxy && !tunnelled) {
            if (status == HTTP_STATUS_PROXY_AUTH_REQ && round < 2 && offerProxyCredentials(http.get(), request)) {
                continue;
            }
            auto refused = failure(status == HTTP_STATUS_PROXY_AUTH_REQ ? Response::Error::ProxyAuth : Response::Error::ProxyRefused,
                                   "the proxy answered " + std::to_string(status) + " to the tunnel");
            refused.realm = proxyRealm(http.get());
            return refused;
        }
        break;
    }
    for (;;) {
        DWORD available = 0;
        if (!WinHttpQueryDataAvailable(http.get(), &available) || available == 0) {
            break;
        }
        std::string chunk(available, '\0');
        DWORD read = 0;
        if (!WinHttpReadData(http.get(), chunk.data(), available, &read) || read == 0) {
            break;
        }
        response.body.append(chunk.data(), read);
    }
    return response;
}

} // namespace enroll::winhttp
