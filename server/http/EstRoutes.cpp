// EST, Enrollment over Secure Transport (RFC 7030), under /.well-known/est/: a standard door for
// renewal that clients we did not write can use (docs/api.md, "EST"). The same rules as
// POST /certificates/renew — the window, one renewal at a time, the superseding, the audit rows,
// the mails, the bank's policy — through the same service; only the wire format differs:
// base64 DER in, PKCS#7 certs-only out. First issuance is refused: it needs the wizard's
// e-mailed code.
#include "http/Routes.h"

#include "ca/CertificateAuthority.h"
#include "ca/OpenSsl.h"
#include "enroll/Protocol.h"
#include "service/AccountService.h"
#include "service/EnrollmentService.h"

#include <Poco/Base64Encoder.h>

#include <optional>
#include <sstream>

namespace enroll::server {
namespace {

constexpr const char* kCertsOnly = "application/pkcs7-mime; smime-type=certs-only";
constexpr const char* kCsrAttrs = "application/csrattrs";

std::string estPath(std::string_view operation)
{
    return std::string(protocol::path::kEst) + std::string(operation);
}

// RFC 7030 §4.1.3: base64 with Content-Transfer-Encoding, in one line: strongSwan's pki (5.9.8)
// refuses the PKCS#7 when the base64 has line breaks, CR LF or LF alike (measured);
// `openssl base64 -d -A` reads it
ApiResponse base64Answer(const char* contentType, const std::string& der)
{
    std::ostringstream text;
    Poco::Base64Encoder encoder(text);
    encoder.rdbuf()->setLineLength(0);
    encoder << der;
    encoder.close();
    return ApiResponse{200, contentType, text.str(), {{"Content-Transfer-Encoding", "base64"}}};
}

// The request's PKCS#10 (base64 DER, RFC 7030 §4.2.1; a PEM text is taken too) as PEM, for the
// CA, which checks everything else; nothing when the body is not base64.
std::optional<std::string> requestPem(const std::string& body)
{
    if (body.find("-----BEGIN CERTIFICATE REQUEST-----") != std::string::npos) {
        return body;
    }
    std::string base64;
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!ok) {
            return std::nullopt;
        }
        base64 += c;
    }
    if (base64.empty()) {
        return std::nullopt;
    }
    std::string pem = "-----BEGIN CERTIFICATE REQUEST-----\n";
    for (std::size_t i = 0; i < base64.size(); i += 64) {
        pem += base64.substr(i, 64) + "\n";
    }
    return pem + "-----END CERTIFICATE REQUEST-----\n";
}

ApiResponse simpleReenroll(Services& s, const ApiRequest& request)
{
    return signedIn(s, request, [&](const Caller& caller) {
        const auto pem = requestPem(request.raw);
        if (!pem) {
            return errorResponse(Error::invalid({{Field::Csr, Rule::Format}}), request.language);
        }
        auto result = s.enrollment.reenroll(caller.user, caller.certificate, *pem, RequestMeta{request.remote});
        if (!result) {
            return errorResponse(result.error(), request.language);
        }
        return base64Answer(kCertsOnly, ossl::certsOnlyPkcs7Der({result.value().certificate.pem}));
    });
}

} // namespace

void addEstRoutes(Router& router, Services s)
{
    // the CA certificates a client trusts: the issuing CA and its issuers up to the root (§4.1.3);
    // fixed while the server runs (a CA rollover is a restart), so made once
    const auto cacerts = base64Answer(kCertsOnly, ossl::certsOnlyPkcs7Der(s.ca.chainPem()));
    router.add("GET", estPath("cacerts"), [cacerts](const ApiRequest&) { return cacerts; });
    const auto csrattrs = base64Answer(kCsrAttrs, CertificateAuthority::csrAttributesDer());
    router.add("GET", estPath("csrattrs"), [csrattrs](const ApiRequest&) { return csrattrs; });
    router.add("POST", estPath("simplereenroll"), [s](const ApiRequest& r) mutable { return simpleReenroll(s, r); });
    // a first certificate needs the code the wizard's user receives by mail (SPEC §4.2)
    router.add("POST", estPath("simpleenroll"), [](const ApiRequest& r) {
        return errorResponse(Error::of(ErrorCode::Forbidden, "EST simpleenroll: first issuance needs the e-mailed code"), r.language);
    });
}

} // namespace enroll::server
