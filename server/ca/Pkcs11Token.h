// Keys inside a PKCS#11 token (an HSM; SoftHSM2 in the tests), through libp11: RFC 7512 URIs, key
// pairs made inside the token (sensitive, never extractable, so no copy exists anywhere else),
// and a signing key that survives the token going away. One loaded module is shared by every key
// in it; when signing fails, the module is reloaded (at most every few seconds) until the token
// answers again, and meanwhile the key says KeyUnavailable at once.
#pragma once

#include "ca/SigningKey.h"

#include <chrono>
#include <string>
#include <string_view>

namespace enroll::server {

// What the server takes from an RFC 7512 URI such as
// pkcs11:token=issuing;object=issuing-2027?module-path=/usr/lib/softhsm/libsofthsm2.so
struct Pkcs11Uri
{
    std::string token;      // the token's label
    std::string object;     // the key's label (CKA_LABEL)
    std::string id;         // the key's CKA_ID, raw bytes; may be empty
    std::string modulePath; // the PKCS#11 module (shared library)
};

// Throws std::invalid_argument with a sentence: not pkcs11:, an attribute it does not know, no
// token or object, no module-path, bad percent-encoding, or a PIN in the URI (pin-value: the PIN is
// kept in a file only the service reads, never in the configuration).
Pkcs11Uri parsePkcs11Uri(std::string_view uri);

// Makes an RSA key pair of `bits` inside the token, logged in with `pin`: the private half
// CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE, not CKA_EXTRACTABLE, signing only. Refuses (one line) when
// the token already holds a key of that label, so nothing is replaced.
void generateTokenKeyPair(const Pkcs11Uri& uri, const std::string& pin, unsigned bits);

// The key named by `uri`, logged in with `pin`; throws std::runtime_error with one line when the
// module, the token, the PIN or the key is wrong. After a failed signature it waits `retry`
// between attempts to reload the module.
std::shared_ptr<SigningKey> openTokenKey(const Pkcs11Uri& uri, std::string pin,
                                         std::chrono::milliseconds retry = std::chrono::seconds(2));

} // namespace enroll::server
