// The OCSP responder's limits, on a development CA: a few certificates per request are answered,
// one lookup each; more are refused as malformedRequest before any lookup or signature. An answer
// about one certificate is made once and kept until a revocation or half its validity.
#include "ca/CaHierarchy.h"
#include "ca/CertificateAuthority.h"
#include "ca/OcspResponder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <openssl/ocsp.h>

#include <memory>

using namespace enroll;
using namespace enroll::server;

namespace {

// A DER OCSP request about `count` serials (1, 2, …) of `ca`'s certificates.
std::string requestFor(X509* ca, int count)
{
    std::unique_ptr<OCSP_REQUEST, decltype(&OCSP_REQUEST_free)> request(OCSP_REQUEST_new(),
                                                                        OCSP_REQUEST_free);
    for (int i = 1; i <= count; ++i) {
        std::unique_ptr<ASN1_INTEGER, decltype(&ASN1_INTEGER_free)> serial(ASN1_INTEGER_new(),
                                                                           ASN1_INTEGER_free);
        ASN1_INTEGER_set(serial.get(), i);
        OCSP_CERTID* id = OCSP_cert_id_new(EVP_sha1(), X509_get_subject_name(ca), X509_get0_pubkey_bitstr(ca),
                                           serial.get());
        if (id == nullptr || OCSP_request_add0_id(request.get(), id) == nullptr) {
            return {};
        }
    }
    unsigned char* der = nullptr;
    const int length = i2d_OCSP_REQUEST(request.get(), &der);
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(std::max(0, length)));
    OPENSSL_free(der);
    return out;
}

int responseStatus(const std::string& der)
{
    const auto* in = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<OCSP_RESPONSE, decltype(&OCSP_RESPONSE_free)> response(
        d2i_OCSP_RESPONSE(nullptr, &in, static_cast<long>(der.size())), OCSP_RESPONSE_free);
    return response ? OCSP_response_status(response.get()) : -1;
}

} // namespace

class TestOcspResponder : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<CertificateAuthority> ca_;
    std::unique_ptr<OcspResponder> responder_;
    Instant now_{std::chrono::seconds{QDateTime::currentSecsSinceEpoch()}};

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        const auto pki = ensureDevelopmentPki(dir_.filePath(QStringLiteral("ca")).toStdString());
        ca_ = std::make_unique<CertificateAuthority>(pki.ca, "https://localhost/crl", "Test Rokin Bank",
                                                     "https://localhost/ocsp");
        responder_ =
            std::make_unique<OcspResponder>(*ca_, now_, std::chrono::hours(24), std::chrono::hours(1));
    }

    void aFewIds_answeredOneLookupEach()
    {
        int lookups = 0;
        const auto answer = responder_->respond(
            requestFor(ca_->caCertificate(), OcspResponder::kMaxCertificateIds),
            [&](const std::string&) {
                ++lookups;
                return std::optional<OcspStatus>();
            },
            0, now_);
        QCOMPARE(responseStatus(answer), OCSP_RESPONSE_STATUS_SUCCESSFUL);
        QCOMPARE(lookups, OcspResponder::kMaxCertificateIds);
        QVERIFY(!OcspResponder::refusal(requestFor(ca_->caCertificate(), OcspResponder::kMaxCertificateIds)));
    }

    void manyIds_malformedBeforeAnyLookup()
    {
        for (const int count : {OcspResponder::kMaxCertificateIds + 1, 100}) {
            int lookups = 0;
            const auto answer = responder_->respond(
                requestFor(ca_->caCertificate(), count),
                [&](const std::string&) {
                    ++lookups;
                    return std::optional<OcspStatus>();
                },
                0, now_);
            QCOMPARE(responseStatus(answer), OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
            QCOMPARE(lookups, 0);
            // and what the route asks before it reads the registry's revocation generation
            const auto refused = OcspResponder::refusal(requestFor(ca_->caCertificate(), count));
            QVERIFY(refused);
            QCOMPARE(responseStatus(*refused), OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
        }
    }

    void oneId_answeredOnceThenFromTheCache()
    {
        const auto request = requestFor(ca_->caCertificate(), 1);
        int lookups = 0;
        const OcspLookup lookup = [&](const std::string&) {
            ++lookups;
            return std::optional<OcspStatus>(OcspStatus{});
        };
        QVERIFY(!responder_->cached(request, 7, now_));
        const auto first = responder_->respond(request, lookup, 7, now_);
        QCOMPARE(responseStatus(first), OCSP_RESPONSE_STATUS_SUCCESSFUL);
        QCOMPARE(lookups, 1);
        // the same bytes later, without a lookup or a signature
        const auto again = responder_->cached(request, 7, now_ + std::chrono::minutes(29));
        QVERIFY(again);
        QCOMPARE(*again, first);
        // a revocation since (another generation) or half the hour gone: made afresh
        QVERIFY(!responder_->cached(request, 8, now_));
        QVERIFY(!responder_->cached(request, 7, now_ + std::chrono::minutes(30)));
        QVERIFY(!responder_->cached(request, 7, now_ - std::chrono::seconds(1)));
    }

    void severalIds_neverCached()
    {
        const auto request = requestFor(ca_->caCertificate(), 2);
        const auto answer = responder_->respond(
            request, [](const std::string&) { return std::optional<OcspStatus>(); }, 0, now_);
        QCOMPARE(responseStatus(answer), OCSP_RESPONSE_STATUS_SUCCESSFUL);
        QVERIFY(!responder_->cached(request, 0, now_));
    }
};

QTEST_GUILESS_MAIN(TestOcspResponder)
#include "TestOcspResponder.moc"
