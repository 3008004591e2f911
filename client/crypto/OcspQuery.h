// A certificate's status at the bank's OCSP responder, asked by the client itself (--doctor): the
// request for the certificate (its issuer found among the bank's issuing CAs, the responder's URL
// from the certificate's Authority Information Access), and the answer read only when its signature
// chains to those CAs. Plain C++ and OpenSSL; the HTTP is the caller's.
#pragma once

#include <optional>
#include <string>

namespace enroll::client {

struct OcspQuery
{
    std::string url;        // the responder (http://…)
    std::string requestDer; // application/ocsp-request
};

// nullopt: no issuer of it in `issuersPem`, or no OCSP URL in the certificate.
std::optional<OcspQuery> ocspQueryFor(const std::string& certificateDer, const std::string& issuersPem);

enum class OcspStatus { Good, Revoked, Unknown, Invalid };
// The answer for the certificate of `query`: Invalid when it does not parse, is not successful, is
// not signed by (a delegate of) the bank's CAs, or is outside its validity.
OcspStatus readOcspResponse(const std::string& responseDer, const std::string& certificateDer, const std::string& issuersPem);

} // namespace enroll::client
