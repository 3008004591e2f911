// OpenSSL helpers of the server's CA: PEM in and out, serials, error text (handles: OpenSslHandles.h).
#pragma once

#include "enroll/OpenSslHandles.h"

#include <string>

namespace enroll::server::ossl {

using namespace enroll::ossl; // the handle types, as ossl::X509Ptr etc.

// The last OpenSSL error as text, for logs (never for the wire); clears the error queue.
std::string lastError();

// PEM text → object; nothing on failure.
X509Ptr certificateFromPem(const std::string& pem);
Req requestFromPem(const std::string& pem);
Pkey privateKeyFromPem(const std::string& pem, const std::string& passphrase);
std::string toPem(X509* cert);
std::string toPem(EVP_PKEY* key);
// Upper-case hex serial number of `cert`.
std::string serialHex(const X509* cert);
// The RFC 5280 CRLReason code of a reason name ("keyCompromise" …), the same in CRLs and OCSP;
// unspecified for a name it does not know.
int revocationReasonCode(const std::string& reason);

} // namespace enroll::server::ossl
