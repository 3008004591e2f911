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

} // namespace enroll::server::ossl
