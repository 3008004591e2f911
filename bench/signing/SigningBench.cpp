// enroll-signing-bench: what the CA's key costs, a file key against a key in a PKCS#11 token, in
// one run (bench/signing.sh makes both CAs with the ceremony). For each: client certificates
// issued per second (CertificateAuthority::issue, a fresh P-256 request's certificate each time)
// and OCSP answers made per second (OcspResponder::respond, a serial never asked before each time,
// so every answer is signed), on every core; then the token's figures as a ratio of the file's.
//   enroll-signing-bench SECONDS ROOT FILE_CERT FILE_KEY FILE_PASS TOKEN_CERT TOKEN_URI TOKEN_PIN OCSP_TOKEN_URI
#include "ca/CertificateAuthority.h"
#include "ca/OcspResponder.h"

#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

using enroll::Instant;
using namespace enroll::server;

namespace {

using Clock = std::chrono::steady_clock;

std::string clientRequest()
{
    ossl::Pkey key(EVP_EC_gen("P-256"));
    ossl::Req request(X509_REQ_new());
    X509_REQ_set_pubkey(request.get(), key.get());
    X509_REQ_sign(request.get(), key.get(), EVP_sha256());
    return ossl::toPem(request.get());
}

std::string ocspRequest(X509* issuer, long serialNumber)
{
    ossl::Asn1Int serial(ASN1_INTEGER_new());
    ASN1_INTEGER_set(serial.get(), serialNumber);
    OCSP_REQUEST* request = OCSP_REQUEST_new();
    OCSP_request_add0_id(request, OCSP_cert_id_new(EVP_sha1(), X509_get_subject_name(issuer),
                                                   X509_get0_pubkey_bitstr(issuer), serial.get()));
    unsigned char* der = nullptr;
    const int size = i2d_OCSP_REQUEST(request, &der);
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    OCSP_REQUEST_free(request);
    return out;
}

// `work` run on every core for `seconds`; operations per second.
template <typename Work>
double rate(double seconds, Work work)
{
    const unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    std::atomic<long> done{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> running;
    const auto start = Clock::now();
    for (unsigned t = 0; t < threads; ++t) {
        running.emplace_back([&, t] {
            for (long i = 0; !stop; ++i) {
                work(t, i);
                ++done;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& thread : running) {
        thread.join();
    }
    return static_cast<double>(done) / std::chrono::duration<double>(Clock::now() - start).count();
}

struct Figures
{
    double issuances;
    double ocsp;
};

Figures measure(const CertificateAuthority& ca, const std::shared_ptr<SigningKey>& ocspKey, double seconds)
{
    const auto now = Instant{std::chrono::seconds{std::time(nullptr)}};
    const auto csr = clientRequest();
    const auto issuances = rate(seconds, [&](unsigned, long) {
        if (!ca.issue(csr, {"bench0001", "80000001"}, now, now + std::chrono::days(366))) {
            std::abort();
        }
    });
    OcspResponder responder(ca, now, std::chrono::hours(24 * 30), std::chrono::hours(1), ocspKey);
    const OcspLookup good = [](const std::string&) { return std::optional<OcspStatus>(OcspStatus{}); };
    const auto ocsp = rate(seconds, [&](unsigned thread, long i) {
        // a serial never asked before: made and signed, never from the cache
        const auto answer =
            responder.respond(ocspRequest(ca.caCertificate(), (static_cast<long>(thread) << 40) + i + 1), good, 0, now);
        if (answer.size() < 100) {
            std::abort(); // not a signed answer
        }
    });
    return {issuances, ocsp};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 10) {
        std::cerr << "usage: enroll-signing-bench SECONDS ROOT FILE_CERT FILE_KEY FILE_PASS TOKEN_CERT TOKEN_URI "
                     "TOKEN_PIN OCSP_TOKEN_URI\n";
        return 64;
    }
    const double seconds = std::stod(argv[1]);
    const CertificateAuthority fileCa({argv[3], argv[4], argv[5], argv[2]}, "http://crl.example/crl", "Bench Bank");
    const CertificateAuthority tokenCa({argv[6], argv[7], argv[8], argv[2]}, "http://crl.example/crl", "Bench Bank");
    const auto file = measure(fileCa, nullptr, seconds);
    const auto token = measure(tokenCa, openSigningKey(argv[9], argv[8]), seconds);
    std::printf("%-34s %12s %12s %8s\n", "signing (RSA 3072 CA, P-256 OCSP)", "file key", "token", "ratio");
    std::printf("%-34s %12.0f %12.0f %8.2f\n", "issuances/s", file.issuances, token.issuances,
                token.issuances / file.issuances);
    std::printf("%-34s %12.0f %12.0f %8.2f\n", "OCSP answers made/s", file.ocsp, token.ocsp, token.ocsp / file.ocsp);
    return 0;
}
