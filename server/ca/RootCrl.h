// The root's CRL of issuing CAs (docs/operations.md, "Revoking an issuing CA"): signed on the
// offline root's machine (enroll-admin ca root-crl, ca revoke-issuing) and copied to the server
// (ca.rootCrl). The server serves it at the distribution point its issuing CAs name, refuses every
// certificate of an issuing CA it lists, and issues nothing under one. The file is read again
// when it changes (looked at once a second at most). One that does not verify against the root
// stops the start; later it is kept out, with an error in the log, and the last good one stays.
#pragma once

#include "ca/OpenSsl.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace enroll::server {

class RootCrl
{
public:
    // `rootsPem`: the self-signed roots one of which must have signed it. Throws
    // std::runtime_error with one line when the file is not such a CRL.
    RootCrl(std::filesystem::path file, const std::vector<std::string>& rootsPem);

    // Whether the root has revoked this issuing CA (its serial listed, the CRL from its issuer).
    [[nodiscard]] bool revoked(X509* caCertificate);

    struct Published
    {
        std::shared_ptr<const std::string> der;
        Instant thisUpdate;
        Instant nextUpdate;
    };
    [[nodiscard]] Published current();

private:
    struct Loaded
    {
        ossl::Crl crl;
        Published published;
        std::filesystem::file_time_type modified;
    };
    // The file's CRL, checked; throws std::runtime_error (one line).
    Loaded load() const;
    void refresh();

    std::filesystem::path file_;
    std::vector<ossl::X509Ptr> roots_;
    std::mutex mutex_;
    Loaded loaded_;
    std::chrono::steady_clock::time_point lookedAt_{};
};

// The first URI of a certificate's CRL distribution points; empty without one.
std::string crlDistributionPoint(X509* cert);

} // namespace enroll::server
