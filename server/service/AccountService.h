// Who a client certificate belongs to (mTLS endpoints) and what a signed-in user may see.
#pragma once

#include "ca/CertificateAuthority.h"
#include "enroll/Result.h"
#include "service/Clock.h"
#include "store/Store.h"

#include <string>

namespace enroll::server {

struct Caller
{
    UserRecord user;
    CertificateRecord certificate; // the one presented on this connection
};

struct Account
{
    UserRecord user;
    CertificateRecord certificate;
    Instant renewableFrom;
};

class AccountService
{
public:
    AccountService(Store& store, const CertificateAuthority& ca, const Clock& clock)
        : store_(store), ca_(ca), clock_(clock)
    {
    }

    // The peer certificate must chain to our CA, be within its validity, be registered and not
    // revoked, and its user must not be disabled. Anything else: CLIENT_CERT_REQUIRED.
    // Checked on every request, so a revocation takes effect at once.
    [[nodiscard]] Result<Caller> identify(X509* peer) const;

    [[nodiscard]] Account me(const Caller& caller) const;

private:
    Store& store_;
    const CertificateAuthority& ca_;
    const Clock& clock_;
};

} // namespace enroll::server
