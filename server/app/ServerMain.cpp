// enroll-server: the Poco ServerApplication that wires config, store, CA, mail, services and the
// HTTPS API, and stops cleanly on SIGTERM/SIGINT. The only place that knows everything.
#include "app/ServerConfig.h"
#include "http/HttpTransport.h"
#include "http/Routes.h"
#include "service/AccountService.h"
#include "service/Clock.h"
#include "service/EnrollmentService.h"
#include "service/ExpiryNotifier.h"
#include "service/Secrets.h"
#include "store/Store.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timer.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <openssl/ssl.h>

#include <iostream>
#include <optional>

namespace enroll::server {
namespace {

// Client certificates are requested but optional at the handshake, and any certificate is let
// through it: AccountService decides per request (chain, validity, registry, revocation) and
// answers CLIENT_CERT_REQUIRED in JSON instead of a bare handshake failure.
// One round of expiry notices; a failure is logged and the next round tries again.
class NoticeRound
{
public:
    explicit NoticeRound(ExpiryNotifier& notifier) : notifier_(notifier) {}
    void run(Poco::Timer&)
    {
        try {
            notifier_.sendDueNotices();
        } catch (const std::exception& e) {
            Poco::Logger::get("notices").error("expiry notices failed: %s", std::string(e.what()));
        }
    }

private:
    ExpiryNotifier& notifier_;
};

int acceptAnyClientCertificate(int, X509_STORE_CTX*)
{
    return 1;
}

Poco::Net::Context::Ptr tlsContext(const std::string& certificate, const std::string& key, const std::string& caFile)
{
    Poco::Net::Context::Params params;
    params.certificateFile = certificate;
    params.privateKeyFile = key;
    params.caLocation = caFile;
    params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;
    params.loadDefaultCAs = false;
    params.cipherList = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5:!SHA1:!RC4:!3DES";
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableSessionCache(true, "rokin-enroll");
    SSL_CTX* ssl = context->sslContext();
    SSL_CTX_set_verify(ssl, SSL_VERIFY_PEER, acceptAnyClientCertificate);
    // Tell clients which issuer to pick a certificate from (Windows shows only matching ones).
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(caFile.c_str())) {
        SSL_CTX_set_client_CA_list(ssl, names);
    }
    return context;
}

class EnrollServer final : public Poco::Util::ServerApplication
{
protected:
    void defineOptions(Poco::Util::OptionSet& options) override
    {
        ServerApplication::defineOptions(options);
        options.addOption(Poco::Util::Option("help", "h", "show this help").callback(
            Poco::Util::OptionCallback<EnrollServer>(this, &EnrollServer::showHelp)));
        options.addOption(Poco::Util::Option("data-dir", "d", "data directory (database, CA, outbox)")
                              .argument("DIR")
                              .binding("cmdline.dataDir"));
        options.addOption(
            Poco::Util::Option("config", "c", "configuration file (Poco properties)").argument("FILE").callback(
                Poco::Util::OptionCallback<EnrollServer>(this, &EnrollServer::loadConfigFile)));
        options.addOption(Poco::Util::Option("port", "p", "HTTPS port")
                              .argument("N")
                              .validator(new Poco::Util::IntValidator(1, 65535))
                              .binding("cmdline.port"));
    }

    int main(const std::vector<std::string>&) override
    {
        if (helpShown_) {
            return EXIT_OK;
        }
        const auto dataDir = config().getString("cmdline.dataDir", "");
        if (dataDir.empty() && !config().has("server.dataDir")) {
            std::cerr << "enroll-server: give --data-dir DIR or server.dataDir in --config FILE\n";
            return EXIT_USAGE;
        }
        try {
            const auto cfg = loadServerConfig(config(), dataDir, config().getInt("cmdline.port", 0));
            configureLogging(cfg);
            return serve(cfg);
        } catch (const std::invalid_argument& e) {
            std::cerr << "enroll-server: configuration: " << e.what() << '\n';
            return EXIT_CONFIG;
        } catch (const Poco::Exception& e) {
            Poco::Logger::get("server").fatal("cannot start: %s", e.displayText());
            std::cerr << "enroll-server: cannot start: " << e.displayText() << '\n';
            return EXIT_SOFTWARE;
        } catch (const std::exception& e) {
            Poco::Logger::get("server").fatal("cannot start: %s", std::string(e.what()));
            std::cerr << "enroll-server: cannot start: " << e.what() << '\n';
            return EXIT_SOFTWARE;
        }
    }

private:
    int serve(const ServerConfig& cfg)
    {
        auto& log = Poco::Logger::get("server");
        std::filesystem::create_directories(cfg.dataDir);
        Poco::Net::initializeSSL();

        auto store = openStore(cfg.dbUrl);
        CaFiles caFiles = cfg.ca;
        std::filesystem::path tlsCert = cfg.tlsCert;
        std::filesystem::path tlsKey = cfg.tlsKey;
        const std::filesystem::path chain = cfg.dataDir / "ca" / "chain.pem";
        std::optional<DevelopmentPki> development;
        if (caFiles.certificate.empty() || tlsCert.empty()) {
            development = ensureDevelopmentPki(cfg.dataDir / "ca");
            if (caFiles.certificate.empty()) {
                caFiles = development->ca;
                log.warning("using the development CA in %s (set ca.cert and ca.key for production)",
                            (cfg.dataDir / "ca").string());
            }
            if (tlsCert.empty()) {
                tlsCert = development->tlsCertificate;
                tlsKey = development->tlsKey;
            }
        }
        CertificateAuthority ca(caFiles, cfg.crlUrl, cfg.organization);
        if (!cfg.ca.certificate.empty()) {
            // What clients trust: the issuing CA, plus the development CA while it still signs
            // the TLS certificate (a production CA configured without tls.cert).
            auto trusted = ca.chainPem().front();
            if (cfg.tlsCert.empty()) {
                trusted += readFile(development->ca.certificate);
            }
            std::filesystem::create_directories(chain.parent_path());
            writeFileAtomically(chain, trusted, false);
        }

        std::unique_ptr<Mailer> mailer = cfg.mailTransport == "smtp" ? makeSmtpMailer(cfg.smtp)
                                                                      : makeOutboxMailer(cfg.outboxDir, cfg.smtp.from);
        std::unique_ptr<Clock> clock;
        if (cfg.clockFile.empty()) {
            clock = std::make_unique<SystemClock>();
        } else {
            clock = std::make_unique<FileOffsetClock>(cfg.clockFile);
            log.warning("test clock in use: time offset read from %s", cfg.clockFile);
        }
        PasswordHasher hasher;
        auto settings = cfg.service;
        settings.codeKey = loadOrCreateCodeKey(cfg.codeKeyFile);
        EnrollmentService enrollment(*store, ca, *mailer, *clock, hasher, settings);
        AccountService accounts(*store, ca, *clock, hasher, *mailer, settings);
        ExpiryNotifier notifier(*store, *mailer, *clock);
        // the expiry notices: at start, then every notices.intervalSeconds
        NoticeRound round(notifier);
        Poco::Timer noticeTimer(0, static_cast<long>(cfg.noticeIntervalSeconds) * 1000);
        noticeTimer.start(Poco::TimerCallback<NoticeRound>(round, &NoticeRound::run));

        Router router;
        addRoutes(router, Services{enrollment, accounts, ca, *store, *clock});

        auto context = tlsContext(tlsCert.string(), tlsKey.string(), caFiles.certificate.string());
        Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress(cfg.address, cfg.port), 64, context);
        auto* params = new Poco::Net::HTTPServerParams; // NOLINT(cppcoreguidelines-owning-memory): ref-counted
        params->setMaxThreads(cfg.maxThreads);
        params->setMaxQueued(cfg.maxQueued);
        params->setTimeout(Poco::Timespan(cfg.timeoutSeconds, 0));
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(cfg.timeoutSeconds, 0));
        Poco::ThreadPool pool(2, cfg.maxThreads);
        Poco::Net::HTTPServer server(new ApiRequestHandlerFactory(router), pool, socket, params);
        server.start();

        log.information("Rokin Enroll server listening on https://%s:%hu", cfg.address, cfg.port);
        log.information("database: %s", cfg.dbUrl.starts_with("sqlite:") ? cfg.dbUrl : std::string("postgresql"));
        log.information("CA chain for clients: %s", chain.string());
        log.information("mail: %s", cfg.mailTransport == "smtp" ? "smtp " + cfg.smtp.host + ":" + std::to_string(cfg.smtp.port)
                                                                 : "outbox " + cfg.outboxDir.string());
        waitForTerminationRequest();
        log.information("stopping");
        noticeTimer.stop();
        server.stopAll(true);
        pool.joinAll();
        Poco::Net::uninitializeSSL();
        log.information("stopped");
        return EXIT_OK;
    }

    void showHelp(const std::string&, const std::string&)
    {
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setUsage("--data-dir DIR [--config FILE] [--port N]");
        help.setHeader("Rokin Enroll server: certificate enrollment over HTTPS.");
        help.format(std::cout);
        helpShown_ = true;
        stopOptionsProcessing();
    }

    void loadConfigFile(const std::string&, const std::string& file)
    {
        loadConfiguration(file);
    }

    bool helpShown_ = false;
};

} // namespace
} // namespace enroll::server

POCO_SERVER_MAIN(enroll::server::EnrollServer)
