#include "ca/CertificateAuthority.h" // writeFileAtomically
#include "mail/Mailer.h"
#include "service/Secrets.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <sstream>

namespace enroll::server {
namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("mail");
}

// One RFC 5322 message: UTF-8 text, quoted-printable body, encoded-word subject.
void compose(Poco::Net::MailMessage& out, const MailMessage& message, const std::string& from)
{
    out.setSender(from);
    out.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
    out.setSubject(Poco::Net::MailMessage::encodeWord(message.subject, "UTF-8"));
    out.setDate(Poco::Timestamp());
    out.set("MIME-Version", "1.0");
    out.set("X-Rokin-Mail", message.kind);
    out.setContentType("text/plain; charset=UTF-8");
    out.setContent(message.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

class OutboxMailer final : public Mailer
{
public:
    OutboxMailer(std::filesystem::path directory, std::string from)
        : directory_(std::move(directory)), from_(std::move(from))
    {
        std::filesystem::create_directories(directory_);
    }

    bool send(const MailMessage& message) override
    {
        try {
            Poco::Net::MailMessage mail;
            compose(mail, message, from_);
            std::ostringstream text;
            mail.write(text);
            const auto stamp = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
            // sortable by time, unique by the random part; written whole or not at all
            const auto name = std::to_string(stamp) + "-" + message.kind + "-" + newPublicId() + ".eml";
            writeFileAtomically(directory_ / name, text.str(), true);
            logger().information("mail %s to %s written to the outbox", message.kind, message.to);
            return true;
        } catch (const std::exception& e) {
            logger().error("outbox write failed: %s", std::string(e.what()));
            return false;
        }
    }

private:
    std::filesystem::path directory_;
    std::string from_;
};

class SmtpMailer final : public Mailer
{
public:
    explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {}

    bool send(const MailMessage& message) override
    {
        try {
            Poco::Net::MailMessage mail;
            compose(mail, message, settings_.from);
            const Poco::Timespan timeout(settings_.timeoutSeconds, 0);
            const Poco::Net::SocketAddress address(settings_.host, settings_.port);
            if (settings_.tls == "tls") {
                Poco::Net::SecureStreamSocket socket(address, settings_.host, context());
                socket.setReceiveTimeout(timeout);
                socket.setSendTimeout(timeout);
                Poco::Net::SMTPClientSession session(socket);
                deliver(session, mail);
            } else {
                Poco::Net::StreamSocket plain;
                plain.connect(address, timeout);
                plain.setReceiveTimeout(timeout);
                plain.setSendTimeout(timeout);
                Poco::Net::SecureSMTPClientSession session(plain);
                if (settings_.tls == "starttls") {
                    session.login(); // EHLO, then STARTTLS; deliver() greets again inside TLS
                    if (!session.startTLS(context())) {
                        logger().error("SMTP server %s does not offer STARTTLS", settings_.host);
                        return false;
                    }
                }
                deliver(session, mail);
            }
            logger().information("mail %s to %s handed to %s", message.kind, message.to, settings_.host);
            return true;
        } catch (const Poco::Exception& e) {
            logger().error("SMTP delivery to %s failed: %s", settings_.host, e.displayText());
        } catch (const std::exception& e) {
            logger().error("SMTP delivery to %s failed: %s", settings_.host, std::string(e.what()));
        }
        return false;
    }

private:
    Poco::Net::Context::Ptr context()
    {
        if (!context_) {
            Poco::Net::Context::Params params;
            params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
            params.caLocation = settings_.caFile;
            params.loadDefaultCAs = settings_.caFile.empty();
            context_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
            context_->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        }
        return context_;
    }

    void deliver(Poco::Net::SMTPClientSession& session, Poco::Net::MailMessage& mail)
    {
        if (settings_.user.empty()) {
            session.login();
        } else {
            session.login(Poco::Net::SMTPClientSession::AUTH_PLAIN, settings_.user, settings_.password);
        }
        session.sendMessage(mail);
        session.close();
    }

    SmtpSettings settings_;
    Poco::Net::Context::Ptr context_;
};

} // namespace

std::unique_ptr<Mailer> makeOutboxMailer(std::filesystem::path directory, std::string from)
{
    return std::make_unique<OutboxMailer>(std::move(directory), std::move(from));
}

std::unique_ptr<Mailer> makeSmtpMailer(SmtpSettings settings)
{
    return std::make_unique<SmtpMailer>(std::move(settings));
}

} // namespace enroll::server
