#include "ca/CertificateAuthority.h" // writeFileAtomically
#include "mail/Mailer.h"
#include "service/Secrets.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
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

// Poco's SecureSMTPClientSession made from a socket switches to TLS without the host name (no
// SNI, no name check): this one takes the name.
class StartTlsSession final : public Poco::Net::SMTPClientSession
{
public:
    using SMTPClientSession::SMTPClientSession;

    bool startTls(const std::string& host, const Poco::Net::Context::Ptr& context)
    {
        std::string response;
        if (!isPositiveCompletion(sendCommand("STARTTLS", response))) {
            return false;
        }
        socket() = Poco::Net::SecureStreamSocket::attach(socket(), host, context);
        return true;
    }
};

class SmtpMailer final : public Mailer
{
public:
    // The TLS context is made here, once, before any thread sends. STRICT verification: the chain
    // against smtp.caFile (or the system's CAs) and the host name against the certificate, for
    // "localhost" too (Poco skips the name check for a local host in RELAXED mode).
    explicit SmtpMailer(SmtpSettings settings) : settings_(std::move(settings))
    {
        if (settings_.tls == "none") {
            return;
        }
        Poco::Net::Context::Params params;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.caLocation = settings_.caFile;
        params.loadDefaultCAs = settings_.caFile.empty();
        context_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
        context_->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        context_->enableExtendedCertificateVerification(true);
        // a certificate that fails verification is refused, never asked about on a console
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, new Poco::Net::RejectCertificateHandler(false), context_);
    }

    bool send(const MailMessage& message) override
    {
        try {
            Poco::Net::MailMessage mail;
            compose(mail, message, settings_.from);
            const Poco::Timespan timeout(settings_.timeoutSeconds, 0);
            const Poco::Net::SocketAddress address(settings_.host, settings_.port);
            if (settings_.tls == "tls") {
                // the host name goes into SNI and is checked against the certificate
                Poco::Net::SecureStreamSocket socket(address, settings_.host, context_);
                socket.setReceiveTimeout(timeout);
                socket.setSendTimeout(timeout);
                Poco::Net::SMTPClientSession session(socket);
                deliver(session, mail);
            } else {
                Poco::Net::StreamSocket plain;
                plain.connect(address, timeout);
                plain.setReceiveTimeout(timeout);
                plain.setSendTimeout(timeout);
                StartTlsSession session(plain);
                if (settings_.tls == "starttls") {
                    session.login(); // greeting and EHLO in clear
                    // TLS on the same connection, with SNI and the host name checked
                    if (!session.startTls(settings_.host, context_)) {
                        logger().error("SMTP server %s does not offer STARTTLS", settings_.host);
                        return false;
                    }
                }
                deliver(session, mail); // EHLO again (inside TLS after STARTTLS), AUTH, the message
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
    void deliver(Poco::Net::SMTPClientSession& session, Poco::Net::MailMessage& mail)
    {
        if (settings_.user.empty()) {
            session.login();
        } else {
            // configuration refuses smtp.user without TLS (ServerConfig): AUTH never goes in clear
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
