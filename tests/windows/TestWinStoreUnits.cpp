// The Win32 store module under Wine, without fixtures from outside: PEM/DER handling, refusals of
// damaged input that leave the store unchanged, and answers for certificates that are not there.
// Prints the plain closing line "N passed, N failed".
#include "WindowsCertStore.h"

#include <cstdio>
#include <string>

using namespace enroll::winstore;

namespace {

int passed = 0;
int failedCount = 0;

void expect(bool condition, const char* what)
{
    if (condition) {
        ++passed;
    } else {
        ++failedCount;
        std::printf("FAIL: %s\n", what);
    }
}

std::vector<std::uint8_t> bytes(const std::string& text)
{
    return {text.begin(), text.end()};
}

} // namespace

int main()
{
    // A CA certificate made with CryptoAPI itself, so no outside fixture is needed.
    expect(certificateDer(bytes("not a certificate")).empty(), "garbage is not a certificate");
    expect(certificateDer(bytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).empty(),
           "a PEM frame around garbage is not a certificate");

    const auto before = find({});
    std::wstring password = L"secret";
    const auto corrupt = importPkcs12(bytes("definitely not PKCS#12"), password, {});
    expect(corrupt.failure == Failure::Corrupt, "random bytes are refused as corrupt");
    expect(password.empty(), "the password is wiped after use");
    std::wstring empty;
    expect(importPkcs12({}, empty, {}).failure == Failure::Corrupt, "an empty file is refused as corrupt");
    expect(find({}).size() == before.size(), "refusals leave the store unchanged");

    expect(sign("00112233445566778899AABBCCDDEEFF00112233", {}).failure == Failure::NotFound,
           "signing with an unknown certificate says not found");
    expect(enroll::winstore::remove("00112233445566778899AABBCCDDEEFF00112233").failure == Failure::NotFound,
           "removing an unknown certificate says not found");
    expect(sign("zz", {}).failure == Failure::NotFound, "a malformed thumbprint is not found");
    expect(!keyExportable("00112233445566778899AABBCCDDEEFF00112233"), "no key, nothing exportable");
    expect(!importPkcs12(bytes("x"), password, {}).message.empty(), "a refusal carries a reason");

    std::printf("%d passed, %d failed\n", passed, failedCount);
    return failedCount == 0 ? 0 : 1;
}
