// The CSR checks of the bank's CA (SPEC §4.2, API.md: INVALID_INPUT on `csr`) on any request:
// as PEM text, or any bytes as the DER inside a PEM envelope (so the fuzzer reaches the ASN.1
// parser at once). Either a certificate whose subject is the bank's (never the request's), or
// INVALID_INPUT on `csr`; no crash, no sanitizer report.
#include "FuzzInput.h"

#include "ca/CaHierarchy.h"
#include "ca/CertificateAuthority.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace enroll;

namespace {

struct Ca
{
    fuzz::TemporaryDirectory dir;
    std::unique_ptr<server::CertificateAuthority> authority = std::make_unique<server::CertificateAuthority>(
        server::ensureDevelopmentPki(dir.path()).ca, "http://localhost/crl", "Rokin Fuzz");
};

std::string pemOf(const std::uint8_t* data, std::size_t size)
{
    std::string base64(4 * ((size + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()), data, static_cast<int>(size));
    base64.resize(static_cast<std::size_t>(n));
    std::string pem = "-----BEGIN CERTIFICATE REQUEST-----\n";
    for (std::size_t i = 0; i < base64.size(); i += 64) {
        pem += base64.substr(i, 64) + "\n";
    }
    return pem + "-----END CERTIFICATE REQUEST-----\n";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static Ca ca;
    if (size == 0) {
        return 0;
    }
    const std::string csr = data[0] == 'D' ? pemOf(data + 1, size - 1) : std::string(reinterpret_cast<const char*>(data), size);
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto issued = ca.authority->issue(csr, {"fuzz0001", "12345678"}, now, now + std::chrono::days(366));
    if (!issued) {
        const auto& error = issued.error();
        if (error.code != ErrorCode::InvalidInput || error.fields.size() != 1 || error.fields.front().field != Field::Csr) {
            std::fprintf(stderr, "a refusal that is not INVALID_INPUT on csr\n");
            std::abort();
        }
        return 0;
    }
    // the subject is the bank's: the request's own subject never reaches the certificate
    BIO* bio = BIO_new_mem_buf(issued->pem.data(), static_cast<int>(issued->pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    char cn[64] = {};
    if (cert == nullptr || X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn) <= 0 ||
        std::string(cn) != "fuzz0001") {
        std::fprintf(stderr, "an issued certificate without the bank's subject\n");
        std::abort();
    }
    X509_free(cert);
    return 0;
}
