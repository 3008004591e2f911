// enroll-certstore.exe: the Windows certificate-store module from the command line, for IT staff
// and for tests. Exit 0 on success; otherwise one line on stderr (1: failed, 2: usage).
#include "WinHttpTransport.h"
#include "WindowsCertStore.h"

#include <windows.h>
#include <wincrypt.h>
#include <winhttp.h>

#include <fcntl.h>
#include <io.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

using namespace enroll::winstore;

namespace {

const char* kUsage =
    "usage: enroll-certstore list [--issuer CN]\n"
    "       enroll-certstore import --p12 FILE --password-stdin [--ca FILE]... [--exportable]\n"
    "       enroll-certstore check --thumbprint X [--sign FILE --signature-out FILE]\n"
    "       enroll-certstore remove --thumbprint X\n"
    "       enroll-certstore roots                      (lists LocalMachine\\Root; never writes it)\n"
    "       enroll-certstore https --url URL [--thumbprint X] [--ca FILE]... [--method M] [--data FILE]\n"
    "                          [--proxy HOST:PORT]\n"
    "       enroll-certstore chain --cert FILE --root FILE [--ca FILE]...   (as a relying party: the chain\n"
    "                          to that root alone, revocation fetched where the certificates say)\n";

std::string narrow(const std::wstring& text)
{
    const int size = WideCharToMultiByte(CP_UTF8, 0, text.c_str(), -1, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(size > 0 ? size - 1 : 0), '\0');
    WideCharToMultiByte(CP_UTF8, 0, text.c_str(), -1, out.data(), size, nullptr, nullptr);
    return out;
}

std::wstring wide(const std::string& text)
{
    const int size = MultiByteToWideChar(CP_UTF8, 0, text.c_str(), -1, nullptr, 0);
    std::wstring out(static_cast<std::size_t>(size > 0 ? size - 1 : 0), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, text.c_str(), -1, out.data(), size);
    return out;
}

bool readFile(const std::wstring& path, std::vector<std::uint8_t>& out)
{
    std::ifstream in(path.c_str(), std::ios::binary);
    if (!in) {
        return false;
    }
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

int fail(const std::string& reason)
{
    std::fprintf(stderr, "enroll-certstore: %s\n", reason.c_str());
    return 1;
}

int usage()
{
    std::fputs(kUsage, stderr);
    return 2;
}

std::string isoDate(std::int64_t unixSeconds)
{
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm parts{};
    gmtime_s(&parts, &t);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

} // namespace

int wmain(int argc, wchar_t** argv)
{
    _setmode(_fileno(stdout), _O_BINARY); // \n, not \r\n: the output is read by scripts
    if (argc < 2) {
        return usage();
    }
    const std::wstring command = argv[1];
    std::wstring p12;
    std::wstring thumbprint;
    std::wstring issuer;
    std::wstring signInput;
    std::wstring signatureOut;
    std::vector<std::wstring> caFiles;
    std::wstring url;
    std::wstring method = L"GET";
    std::wstring dataFile;
    std::wstring certFile;
    std::wstring rootFile;
    std::wstring proxy;
    bool passwordFromStdin = false;
    bool exportable = false;
    for (int i = 2; i < argc; ++i) {
        const std::wstring arg = argv[i];
        auto value = [&](std::wstring& into) {
            if (i + 1 >= argc) {
                return false;
            }
            into = argv[++i];
            return true;
        };
        std::wstring ca;
        if (arg == L"--p12" && value(p12)) {
        } else if (arg == L"--thumbprint" && value(thumbprint)) {
        } else if (arg == L"--issuer" && value(issuer)) {
        } else if (arg == L"--sign" && value(signInput)) {
        } else if (arg == L"--signature-out" && value(signatureOut)) {
        } else if (arg == L"--url" && value(url)) {
        } else if (arg == L"--method" && value(method)) {
        } else if (arg == L"--data" && value(dataFile)) {
        } else if (arg == L"--cert" && value(certFile)) {
        } else if (arg == L"--root" && value(rootFile)) {
        } else if (arg == L"--proxy" && value(proxy)) {
        } else if (arg == L"--ca" && value(ca)) {
            caFiles.push_back(ca);
        } else if (arg == L"--password-stdin") {
            passwordFromStdin = true;
        } else if (arg == L"--exportable") {
            exportable = true;
        } else {
            return usage();
        }
    }

    if (command == L"list") {
        for (const auto& c : find(narrow(issuer))) {
            std::printf("%s\t%s\t%s\t%s\t%s\tkey:%s\n", c.thumbprint.c_str(), c.serial.c_str(), c.subjectCn.c_str(),
                        c.issuerCn.c_str(), isoDate(c.notAfter).c_str(), c.hasPrivateKey ? "yes" : "no");
        }
        return 0;
    }
    if (command == L"import") {
        if (p12.empty() || !passwordFromStdin) {
            return usage();
        }
        std::vector<std::uint8_t> der;
        if (!readFile(p12, der)) {
            return fail("cannot read " + narrow(p12));
        }
        std::vector<std::vector<std::uint8_t>> authorities;
        for (const auto& file : caFiles) {
            std::vector<std::uint8_t> bytes;
            if (!readFile(file, bytes)) {
                return fail("cannot read " + narrow(file));
            }
            auto caDer = certificateDer(bytes);
            if (caDer.empty()) {
                return fail(narrow(file) + " is not a certificate (PEM or DER)");
            }
            authorities.push_back(std::move(caDer));
        }
        std::string line;
        std::getline(std::cin, line);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
            line.pop_back();
        }
        std::wstring password = wide(line);
        SecureZeroMemory(line.data(), line.size());
        const auto outcome = importPkcs12(der, password, authorities, {exportable});
        if (!outcome.ok()) {
            return fail(outcome.message);
        }
        std::printf("%s\n", outcome.certificate.thumbprint.c_str());
        return 0;
    }
    if (command == L"check") {
        if (thumbprint.empty()) {
            return usage();
        }
        std::vector<std::uint8_t> data = {'R', 'o', 'k', 'i', 'n'};
        if (!signInput.empty() && !readFile(signInput, data)) {
            return fail("cannot read " + narrow(signInput));
        }
        const auto outcome = sign(narrow(thumbprint), data);
        if (!outcome.ok()) {
            return fail(outcome.message);
        }
        if (!signatureOut.empty()) {
            std::ofstream out(signatureOut.c_str(), std::ios::binary);
            out.write(reinterpret_cast<const char*>(outcome.data.data()), static_cast<std::streamsize>(outcome.data.size()));
        }
        std::printf("key usable; %s\n", keyExportable(narrow(thumbprint)) ? "EXPORTABLE" : "not exportable");
        return 0;
    }
    if (command == L"https") {
        // the signed-in transport, for IT staff to check a PC's certificate against the bank
        URL_COMPONENTS parts{};
        parts.dwStructSize = sizeof parts;
        wchar_t host[256] = {};
        wchar_t path[2048] = {};
        parts.lpszHostName = host;
        parts.dwHostNameLength = 256;
        parts.lpszUrlPath = path;
        parts.dwUrlPathLength = 2048;
        if (url.empty() || !WinHttpCrackUrl(url.c_str(), 0, 0, &parts) || parts.nScheme != INTERNET_SCHEME_HTTPS) {
            return fail("--url must be an https:// address");
        }
        enroll::winhttp::Request request;
        request.method = method;
        request.host = host;
        request.port = parts.nPort;
        request.path = path;
        request.clientCertificateThumbprint = narrow(thumbprint);
        request.proxy = proxy;
        request.headers.emplace_back(L"Accept", L"application/json");
        if (!dataFile.empty()) {
            std::vector<std::uint8_t> body;
            if (!readFile(dataFile, body)) {
                return fail("cannot read " + narrow(dataFile));
            }
            request.body.assign(body.begin(), body.end());
            request.headers.emplace_back(L"Content-Type", L"application/json");
        }
        for (const auto& file : caFiles) {
            std::vector<std::uint8_t> bytes;
            if (!readFile(file, bytes) || certificateDer(bytes).empty()) {
                return fail(narrow(file) + " is not a certificate (PEM or DER)");
            }
            request.trustedCaDer.push_back(certificateDer(bytes));
        }
        const auto response = enroll::winhttp::send(request);
        if (response.error != enroll::winhttp::Response::Error::None) {
            return fail(response.message);
        }
        std::printf("HTTP %d\n%s\n", response.status, response.body.c_str());
        return 0;
    }
    if (command == L"chain") {
        std::vector<std::uint8_t> leaf;
        std::vector<std::uint8_t> root;
        if (!readFile(certFile, leaf) || certificateDer(leaf).empty() || !readFile(rootFile, root) ||
            certificateDer(root).empty()) {
            return fail("--cert and --root must be certificates (PEM or DER)");
        }
        std::vector<std::vector<std::uint8_t>> intermediates;
        for (const auto& file : caFiles) {
            std::vector<std::uint8_t> bytes;
            if (!readFile(file, bytes) || certificateDer(bytes).empty()) {
                return fail(narrow(file) + " is not a certificate (PEM or DER)");
            }
            intermediates.push_back(certificateDer(bytes));
        }
        const auto checked = checkChain(certificateDer(leaf), intermediates, certificateDer(root));
        if (checked.verdict == ChainVerdict::Failed) {
            return fail("the chain could not be built");
        }
        std::printf("%s 0x%08lx\n", verdictName(checked.verdict), checked.errorStatus);
        return 0;
    }
    if (command == L"roots") {
        // Read only: nothing of the bank's ever goes into a Root store (the wizard trusts the server
        // through its own CA bundle); the MSI's test checks with this that none was added.
        HCERTSTORE root = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                                        CERT_SYSTEM_STORE_LOCAL_MACHINE | CERT_STORE_READONLY_FLAG, L"Root");
        if (root == nullptr) {
            return fail("cannot open the machine's Root store");
        }
        for (const CERT_CONTEXT* c = nullptr; (c = CertEnumCertificatesInStore(root, c)) != nullptr;) {
            wchar_t name[512] = {};
            CertGetNameStringW(c, CERT_NAME_SIMPLE_DISPLAY_TYPE, 0, nullptr, name, 512);
            std::printf("%s\n", narrow(name).c_str());
        }
        CertCloseStore(root, 0);
        return 0;
    }
    if (command == L"remove") {
        if (thumbprint.empty()) {
            return usage();
        }
        const auto outcome = enroll::winstore::remove(narrow(thumbprint));
        return outcome.ok() ? 0 : fail(outcome.message);
    }
    return usage();
}
