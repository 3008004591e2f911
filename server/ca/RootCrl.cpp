#include "ca/RootCrl.h"

#include "ca/CertificateAuthority.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <Poco/Logger.h>

#include <ctime>
#include <stdexcept>

namespace enroll::server {
namespace {

using Clock = std::chrono::steady_clock;

} // namespace

std::string crlDistributionPoint(X509* cert)
{
    auto* points = static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr));
    std::string uri;
    for (int i = 0; points != nullptr && uri.empty() && i < sk_DIST_POINT_num(points); ++i) {
        const DIST_POINT* point = sk_DIST_POINT_value(points, i);
        if (point->distpoint == nullptr || point->distpoint->type != 0) {
            continue;
        }
        const GENERAL_NAMES* names = point->distpoint->name.fullname;
        for (int j = 0; uri.empty() && j < sk_GENERAL_NAME_num(names); ++j) {
            const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, j);
            if (name->type == GEN_URI) {
                const auto* text = name->d.uniformResourceIdentifier;
                uri.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)), static_cast<std::size_t>(ASN1_STRING_length(text)));
            }
        }
    }
    CRL_DIST_POINTS_free(points);
    return uri;
}

RootCrl::RootCrl(std::filesystem::path file, const std::vector<std::string>& rootsPem) : file_(std::move(file))
{
    for (const auto& pem : rootsPem) {
        auto root = ossl::certificateFromPem(pem);
        if (root && X509_check_issued(root.get(), root.get()) == X509_V_OK) {
            roots_.push_back(std::move(root));
        }
    }
    loaded_ = load();
    lookedAt_ = Clock::now();
}

RootCrl::Loaded RootCrl::load() const
{
    Loaded loaded;
    std::error_code error;
    loaded.modified = std::filesystem::last_write_time(file_, error);
    const auto bytes = readFile(file_);
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    loaded.crl.reset(d2i_X509_CRL(nullptr, &in, static_cast<long>(bytes.size())));
    if (!loaded.crl) {
        ossl::Bio bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
        loaded.crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
    }
    if (!loaded.crl) {
        ERR_clear_error();
        throw std::runtime_error("ca.rootCrl is not a CRL: " + file_.string());
    }
    bool verified = false;
    for (const auto& root : roots_) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(loaded.crl.get()), X509_get_subject_name(root.get())) == 0 &&
            X509_CRL_verify(loaded.crl.get(), X509_get0_pubkey(root.get())) == 1) {
            verified = true;
        }
    }
    ERR_clear_error();
    if (!verified) {
        throw std::runtime_error("ca.rootCrl is not signed by the root in ca.chain: " + file_.string());
    }
    unsigned char* out = nullptr;
    const int size = i2d_X509_CRL(loaded.crl.get(), &out);
    auto der = std::make_shared<const std::string>(reinterpret_cast<const char*>(out), static_cast<std::size_t>(std::max(size, 0)));
    OPENSSL_free(out);
    loaded.published = Published{der, ossl::instantOf(X509_CRL_get0_lastUpdate(loaded.crl.get())),
                                 ossl::instantOf(X509_CRL_get0_nextUpdate(loaded.crl.get()))};
    return loaded;
}

void RootCrl::refresh()
{
    const auto now = Clock::now();
    if (now - lookedAt_ < std::chrono::seconds(1)) {
        return;
    }
    lookedAt_ = now;
    std::error_code error;
    const auto modified = std::filesystem::last_write_time(file_, error);
    if (error || modified == loaded_.modified) {
        return;
    }
    try {
        loaded_ = load();
        Poco::Logger::get("server").information("ca.rootCrl read again: %s", file_.string());
    } catch (const std::exception& e) {
        loaded_.modified = modified; // said once, not every second
        Poco::Logger::get("server").error("%s; the last good root CRL stays", std::string(e.what()));
    }
}

bool RootCrl::revoked(X509* caCertificate)
{
    const std::lock_guard lock(mutex_);
    refresh();
    X509_REVOKED* entry = nullptr;
    return X509_NAME_cmp(X509_CRL_get_issuer(loaded_.crl.get()), X509_get_issuer_name(caCertificate)) == 0 &&
           X509_CRL_get0_by_serial(loaded_.crl.get(), &entry, X509_get_serialNumber(caCertificate)) == 1;
}

RootCrl::Published RootCrl::current()
{
    const std::lock_guard lock(mutex_);
    refresh();
    return loaded_.published;
}

} // namespace enroll::server
