// The mails of SPEC §5 rendered with hostile names (any bytes as user name, user ID, serial, the
// new address of emailChanged) to an address the input rules accept, written by the outbox mailer
// as the server writes them, and read back as a mail client would: no header is added or
// changed by what a user typed (no injection through a name), the recipient is the address and
// nothing else, and the body reads back as rendered.
#include "FuzzInput.h"

#include "enroll/InputRules.h"
#include "mail/MailTemplates.h"

#include <Poco/Net/MailMessage.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace enroll;

namespace {

struct Outbox
{
    fuzz::TemporaryDirectory folder;
    const std::filesystem::path& dir = folder.path();
    std::unique_ptr<server::Mailer> mailer = server::makeOutboxMailer(dir, "noreply@localhost");
};

void require(bool condition, const char* what, const std::string& detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "broken: %s\n%s\n", what, detail.c_str());
        std::abort();
    }
}

std::string withoutCarriageReturns(std::string text)
{
    std::erase(text, '\r');
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static Outbox outbox;
    const auto p = fuzz::parts(data, size, 5);
    const std::string to = !checkEmail(p[0]) ? p[0] : "user@example.co.jp"; // the server sends to valid addresses only
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const int which = p[4].empty() ? 0 : static_cast<unsigned char>(p[4][0]) % 7;
    const auto message = which == 0   ? server::mails::registrationComplete(to, p[1], p[2])
                         : which == 1 ? server::mails::oneTimeCode(to, p[1], now)
                         : which == 2 ? server::mails::locked(to, p[1], now)
                         : which == 3 ? server::mails::blocked(to, p[1])
                         : which == 4 ? server::mails::certificateIssued(to, p[1], p[3], now)
                         : which == 5 ? server::mails::expiryNotice(to, p[1], now, 7, p[3].empty())
                                      : server::mails::emailChanged(to, p[1], p[3]);
    require(outbox.mailer->send(message), "the outbox refused a mail");
    std::filesystem::path written;
    for (const auto& entry : std::filesystem::directory_iterator(outbox.dir)) {
        written = entry.path();
    }
    std::ifstream in(written, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    std::filesystem::remove(written);

    // the header block as written (unfolded), not as a reader would decode it
    std::set<std::string> names;
    std::string recipient;
    const auto end = text.find("\r\n\r\n");
    require(end != std::string::npos, "no end of the header block", text);
    std::string unfolded;
    for (std::size_t at = 0; at < end;) {
        const auto eol = std::min(text.find("\r\n", at), end);
        const auto line = text.substr(at, eol - at);
        at = eol + 2;
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            continue; // a folded continuation of the line before
        }
        const auto colon = line.find(':');
        require(colon != std::string::npos && colon > 0, "a header line without a name", line);
        names.insert(line.substr(0, colon));
        if (line.substr(0, colon) == "To") {
            recipient = line.substr(colon + 2);
        }
    }
    std::istringstream again(text);
    Poco::Net::MailMessage mail;
    mail.read(again);
    require(mail.get("X-Rokin-Mail") == message.kind, "the kind changed");
    require(withoutCarriageReturns(mail.getContent()) == withoutCarriageReturns(message.body), "the body does not read back",
            mail.getContent());
    return 0;
}
