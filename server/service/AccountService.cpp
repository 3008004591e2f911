#include "service/AccountService.h"

namespace enroll::server {

Result<Caller> AccountService::identify(X509* peer) const
{
    if (peer == nullptr) {
        return Error::of(ErrorCode::ClientCertRequired, "no client certificate");
    }
    const auto now = clock_.now();
    if (!ca_.verifyClient(peer, now)) {
        return Error::of(ErrorCode::ClientCertRequired, "certificate not issued by this CA, or expired");
    }
    const auto serial = ossl::serialHex(peer);
    auto tx = store_.begin(Store::Mode::Read);
    auto cert = tx->certificate(serial);
    if (!cert || cert->status == CertificateStatus::Revoked) {
        return Error::of(ErrorCode::ClientCertRequired, "certificate " + serial + " unknown or revoked");
    }
    auto user = tx->user(cert->userId);
    if (!user || user->disabled) {
        return Error::of(ErrorCode::ClientCertRequired, "user of certificate " + serial + " disabled");
    }
    return Caller{std::move(*user), std::move(*cert)};
}

Account AccountService::me(const Caller& caller) const
{
    return Account{caller.user, caller.certificate, renewableFrom(caller.certificate.notAfter)};
}

} // namespace enroll::server
