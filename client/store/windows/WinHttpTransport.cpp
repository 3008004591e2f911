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

Response fromLastError(const char* step)
{
    const DWORD code = GetLastError();
    std::string what = std::string(step) + " failed (WinHTTP error " + std::to_string(code) + ")";
    switch (code) {
    case ERROR_WINHTTP_CANNOT_CONNECT:
    case ERROR_WINHTTP_NAME_NOT_RESOLVED:
    case ERROR_WINHTTP_CONNECTION_ERROR:
        return failure(Response::Error::Unreachable, "the server cannot be reached: " + what);
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

} // namespace

Response send(const Request& request)
{
    Internet session(WinHttpOpen(L"RokinEnroll/1.0", WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, WINHTTP_NO_PROXY_NAME,
                                 WINHTTP_NO_PROXY_BYPASS, 0));
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
        return fromLastError("WinHttpConnect");
    }
    Internet http(WinHttpOpenRequest(connection.get(), request.method.c_str(), request.path.c_str(), nullptr,
                                     WINHTTP_NO_REFERER, WINHTTP_DEFAULT_ACCEPT_TYPES, WINHTTP_FLAG_SECURE));
    if (!http) {
        return fromLastError("WinHttpOpenRequest");
    }
    // Each request presents its own certificate (or none): its connection must not serve another
    // request. WinHTTP pools connections by host (Wine across sessions too), so a renewal's confirm
    // would otherwise go out on the connection of the old certificate.
    DWORD feature = WINHTTP_DISABLE_KEEP_ALIVE;
    WinHttpSetOption(http.get(), WINHTTP_OPTION_DISABLE_FEATURE, &feature, sizeof feature);
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
    // headers now, the body only once the server is known to be the bank's
    if (!WinHttpSendRequest(http.get(), headers.empty() ? WINHTTP_NO_ADDITIONAL_HEADERS : headers.c_str(),
                            headers.empty() ? 0 : static_cast<DWORD>(-1L), WINHTTP_NO_REQUEST_DATA, 0,
                            static_cast<DWORD>(request.body.size()), 0)) {
        return fromLastError("WinHttpSendRequest");
    }
    if (!request.trustedCaDer.empty()) {
        if (const auto why = whyNotTheBank(http.get(), request.trustedCaDer, request.host); !why.empty()) {
            return failure(Response::Error::Untrusted, "the server's certificate is not from the bank's CA: " + why);
        }
    }
    DWORD written = 0;
    if (!request.body.empty() &&
        !WinHttpWriteData(http.get(), request.body.data(), static_cast<DWORD>(request.body.size()), &written)) {
        return fromLastError("WinHttpWriteData");
    }
    if (!WinHttpReceiveResponse(http.get(), nullptr)) {
        return fromLastError("WinHttpReceiveResponse");
    }
    Response response;
    DWORD status = 0;
    DWORD size = sizeof status;
    WinHttpQueryHeaders(http.get(), WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER, WINHTTP_HEADER_NAME_BY_INDEX,
                        &status, &size, WINHTTP_NO_HEADER_INDEX);
    response.status = static_cast<int>(status);
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
