// Outgoing mail behind one small interface: the outbox (one .eml per message, the embedded
// default) and SMTP. A transport that cannot deliver says so; the caller decides what that means.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace enroll::server {

struct MailMessage
{
    std::string to;
    std::string subject; // UTF-8, Japanese
    std::string body;    // UTF-8 plain text; never a password
    std::string kind;    // template name, sent as X-Rokin-Mail for operators and tests
};

class Mailer
{
public:
    virtual ~Mailer() = default;
    // false: not handed over (the reason is logged by the transport, without the body)
    [[nodiscard]] virtual bool send(const MailMessage& message) = 0;
};

struct SmtpSettings
{
    std::string host = "localhost";
    unsigned short port = 25;
    std::string tls = "starttls"; // none | starttls | tls
    std::string user;
    std::string password; // read from smtp.passwordFile
    std::string caFile;   // verify the SMTP server against this bundle (empty: the system's)
    std::string from = "noreply@localhost";
    int timeoutSeconds = 20;
};

std::unique_ptr<Mailer> makeOutboxMailer(std::filesystem::path directory, std::string from);
std::unique_ptr<Mailer> makeSmtpMailer(SmtpSettings settings);

} // namespace enroll::server
