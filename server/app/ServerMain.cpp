// enroll-server: the Poco ServerApplication that wires config, store, CA, mail, services and the
// HTTPS API, and stops cleanly on SIGTERM/SIGINT. The only place that knows everything.
#include "app/Monitoring.h"
#include "app/ServerConfig.h"
#ifdef ENROLL_TEST_HOOKS
#include "app/TestClock.h"
#endif
#include "ca/CaHierarchy.h"
#include "ca/OcspResponder.h"
#include "http/ConnectionLimits.h"
#include "http/ForwardedListener.h"
#include "http/HttpTransport.h"
#include "http/Routes.h"
#include "service/AccountService.h"
#include "service/AuditAnchors.h"
#include "service/Clock.h"
#include "service/CrlPublisher.h"
#include "service/EnrollmentService.h"
#include "service/ExpiryNotifier.h"
#include "service/RequestLog.h"
#include "service/Secrets.h"
#include "service/Throttle.h"
#include "store/Store.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerConnectionFactory.h>
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

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

#include <atomic>
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

// One anchor of the audit chain; the first says "start", the others "interval".
class AnchorRound
{
public:
    explicit AnchorRound(AuditAnchors& anchors) : anchors_(anchors) {}
    void run(Poco::Timer&) { (void)anchors_.publish(started_.exchange(true) ? "interval" : "start"); }

private:
    AuditAnchors& anchors_;
    std::atomic<bool> started_{false};
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

// The root's CRL of issuing CAs (ca.rootCrl): read, checked against the root, given to the CA. A
// production issuing CA that names a distribution point needs it (it is served there).
std::shared_ptr<RootCrl> openRootCrl(const std::filesystem::path& file, CertificateAuthority& ca, bool development)
{
    auto& log = Poco::Logger::get("server");
    if (file.empty()) {
        if (const auto point = crlDistributionPoint(ca.caCertificate()); !point.empty()) {
            if (!development) {
                throw std::invalid_argument("ca.cert names the root's CRL at " + point + ": give that CRL in ca.rootCrl");
            }
            log.warning("development: no ca.rootCrl for %s", point);
        }
        return nullptr;
    }
    auto rootCrl = std::make_shared<RootCrl>(file, ca.chainPem());
    ca.setRootCrl(rootCrl);
    for (const auto* generation : ca.generations()) {
        if (generation->revokedByRoot()) {
            log.error("the root has revoked the issuing CA %s: its certificates are refused, it issues none",
                      describeCertificate(generation->caCertificate()));
        }
    }
    return rootCrl;
}

Poco::AutoPtr<Poco::Net::HTTPServerParams> httpParams(const ServerConfig& cfg, int maxThreads, int maxQueued)
{
    Poco::AutoPtr<Poco::Net::HTTPServerParams> params(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(maxThreads);
    params->setMaxQueued(maxQueued);
    params->setTimeout(Poco::Timespan(cfg.timeoutSeconds, 0)); // handshake and each read
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(cfg.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(cfg.maxKeepAliveRequests);
    return params;
}

// A plain HTTP listener's socket: "unix:/path" (mode 0660, `group` when named) or "host:port".
Poco::Net::ServerSocket listenSocket(const std::string& listen, int backlog, const std::string& groupKey,
                                     const std::string& groupName)
{
    if (!listen.starts_with("unix:")) {
        return Poco::Net::ServerSocket(Poco::Net::SocketAddress(listen), backlog);
    }
    const std::string path = listen.substr(5);
    std::filesystem::remove(path); // a stale socket of an earlier run
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, path));
    socket.listen(backlog);
    gid_t group = static_cast<gid_t>(-1);
    if (!groupName.empty()) {
        const struct group* entry = ::getgrnam(groupName.c_str());
        if (entry == nullptr) {
            throw std::invalid_argument(groupKey + ": no group " + groupName);
        }
        group = entry->gr_gid;
    }
    if (::chown(path.c_str(), static_cast<uid_t>(-1), group) != 0 || ::chmod(path.c_str(), 0660) != 0) {
        throw std::invalid_argument("cannot set the owner group and mode of " + path);
    }
    return socket;
}

// The listener behind nginx: plain HTTP on a Unix socket (mode 0660, nginx's group) or on a
// loopback port; the only place the forwarded certificate and address headers are believed.
// nginx may open a connection per request in flight.
Poco::Net::ServerSocket forwardedSocket(const ServerConfig& cfg)
{
    return listenSocket(cfg.forwardedListen, cfg.maxConnections, "server.forwardedSocketGroup", cfg.forwardedSocketGroup);
}

// server.forwardedPeerUser's uid; -1 when none is configured (development).
long peerUid(const std::string& user)
{
    if (user.empty()) {
        return -1;
    }
    const passwd* entry = ::getpwnam(user.c_str());
    if (entry == nullptr) {
        throw std::invalid_argument("server.forwardedPeerUser: no user " + user);
    }
    return static_cast<long>(entry->pw_uid);
}

// A process of another user on the forwarded socket: an audit row (the listener says it at most
// once a minute per user).
std::function<void(long, long)> foreignPeerAudit(Store& store, const Clock& clock, const std::string& expected)
{
    return [&store, &clock, expected](long pid, long uid) {
        try {
            auto tx = store.begin(Store::Mode::Write);
            tx->appendAudit({0, clock.now(), "forwarded.refused", "uid " + std::to_string(uid),
                             "pid " + std::to_string(pid) + " is not server.forwardedPeerUser (" + expected + "): closed", "local"});
            tx->commit();
        } catch (const std::exception& e) {
            Poco::Logger::get("server").error("forwarded.refused not audited: %s", std::string(e.what()));
        }
    };
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
        options.addOption(Poco::Util::Option("dev", "", "development mode: generated CA and TLS keys (never for production)")
                              .binding("cmdline.dev"));
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

        // What the requests took and answered and the audit events, for the metrics listener
        // (metrics.listen); declared before the store, whose last commit (the shutdown anchor) tells it
        metrics::ServerMetrics serverMetrics;
        auto* counted = cfg.metricsListen.empty() ? nullptr : &serverMetrics;
        auto store = openStore(cfg.dbUrl);
        // each committed audit event: a security event line in the log (with the request's id), counted
        store->setAuditObserver([counted](const AuditEntry& entry) {
            Poco::Logger::get("audit").notice(securityEventLine(entry.event, entry.subject, entry.remote, entry.detail));
            if (counted != nullptr) {
                counted->event(entry.event);
            }
        });
        CaFiles caFiles = cfg.ca;
        std::filesystem::path tlsCert = cfg.tlsCert;
        std::filesystem::path tlsKey = cfg.tlsKey;
        // what clients pin for the server's TLS (tls.chain), written where they are given it
        std::string tlsTrust = cfg.tlsChain.empty() ? std::string() : readFile(cfg.tlsChain);
        const std::filesystem::path chain = cfg.dataDir / "ca" / "chain.pem";
        const std::filesystem::path clientCa = cfg.dataDir / "ca" / "client-ca.pem";
        if (!cfg.development) {
            if (const auto missing = missingForProduction(cfg); !missing.empty()) {
                std::string names;
                for (const auto& key : missing) {
                    names += (names.empty() ? "" : ", ") + key;
                }
                throw std::invalid_argument("production mode needs " + names +
                                            " (server.mode = development or --dev generates keys for trying it out)");
            }
            if (const auto unsafe = unsafeMailForProduction(cfg); !unsafe.empty()) {
                if (!cfg.mailAllowInsecure) {
                    throw std::invalid_argument("production mode refuses this mail set-up: " + unsafe +
                                                " (mail.transport = smtp with smtp.tls = starttls or tls; "
                                                "mail.allowInsecure = true accepts it, warned at every start)");
                }
                log.warning("mail.allowInsecure = true: %s", unsafe);
            }
        }
        std::filesystem::path rootCrlFile = cfg.rootCrl;
        if (cfg.development && (caFiles.certificate.empty() || tlsCert.empty())) {
            const auto development = ensureDevelopmentPki(cfg.dataDir / "ca", cfg.crlUrl + "/root");
            if (caFiles.certificate.empty()) {
                caFiles = development.ca;
                rootCrlFile = development.rootCrl;
                log.warning("using the development CA in %s (set ca.cert and ca.key for production)",
                            (cfg.dataDir / "ca").string());
            }
            if (tlsCert.empty()) {
                tlsCert = development.tlsCertificate;
                tlsKey = development.tlsKey;
                if (tlsTrust.empty()) {
                    tlsTrust = readFile(development.tlsCa);
                }
            }
        }
        CertificateAuthority ca(caFiles, cfg.crlUrl, cfg.organization, cfg.ocspUrl);
        if (!cfg.previousCa.certificate.empty()) {
            ca.setPrevious(std::make_unique<CertificateAuthority>(cfg.previousCa, cfg.previousCrlUrl, cfg.organization,
                                                                  cfg.ocspUrl));
            log.information("previous issuing CA still answered for: %s",
                            describeCertificate(ca.previous()->caCertificate()));
        }
        const auto rootCrl = openRootCrl(rootCrlFile, ca, cfg.development);
        if (tlsTrust.empty()) {
            tlsTrust = ca.chainPem().front(); // development with one CA for both (older set-ups)
        }
        if (!tlsCert.empty()) {
            if (const auto problem = tlsChainProblem(readFile(tlsCert), tlsTrust, ca, SystemClock().now());
                !problem.empty()) {
                if (!cfg.development) {
                    throw std::invalid_argument(problem);
                }
                log.warning("development: %s", problem);
            }
        }
        std::filesystem::create_directories(chain.parent_path());
        writeFileAtomically(chain, tlsTrust, false);
        writeFileAtomically(clientCa, clientCaPem(ca), false);
        if (time_t yearAhead = std::time(nullptr) + 366L * 24 * 3600;
            X509_cmp_time(X509_get0_notAfter(ca.caCertificate()), &yearAhead) < 0) {
            log.warning("the issuing CA expires before certificates issued now would: roll it over "
                        "(docs/operations.md, \"Rolling over the issuing CA\"): %s",
                        describeCertificate(ca.caCertificate()));
        }

        std::unique_ptr<Mailer> transport = cfg.mailTransport == "smtp" ? makeSmtpMailer(cfg.smtp)
                                                                         : makeOutboxMailer(cfg.outboxDir, cfg.smtp.from);
        std::unique_ptr<Clock> clock = std::make_unique<SystemClock>();
        if (!cfg.clockFile.empty()) {
#ifdef ENROLL_TEST_HOOKS
            clock = std::make_unique<FileOffsetClock>(cfg.clockFile);
            log.warning("test clock in use: time offset read from %s", cfg.clockFile);
#else
            throw std::invalid_argument("test.clockFile is a hook of the test build (enroll-server-test); "
                                        "this enroll-server has none");
#endif
        }
        // every mail's outcome counted, a failure audited (mail.failure) for the daily report
        const auto mailer = std::make_unique<ObservedMailer>(*transport, mailOutcomes(counted, *store, *clock));
        PasswordHasher hasher(cfg.argon2MaxConcurrent, std::chrono::milliseconds(cfg.argon2MaxWaitMs), cfg.argon2Cost);
        if (counted != nullptr) {
            hasher.setWaitObserver([counted](double seconds) { counted->argon2Wait(seconds); });
        }
        auto settings = cfg.service;
        settings.codeKey = loadOrCreateCodeKey(cfg.codeKeyFile);
        EnrollmentService enrollment(*store, ca, *mailer, *clock, hasher, settings);
        AccountService accounts(*store, ca, *clock, hasher, *mailer, settings);
        ExpiryNotifier notifier(*store, *mailer, *clock, settings.silentRenewal);
        // the expiry notices: at start, then every notices.intervalSeconds
        NoticeRound round(notifier);
        Poco::Timer noticeTimer(0, static_cast<long>(cfg.noticeIntervalSeconds) * 1000);
        noticeTimer.start(Poco::TimerCallback<NoticeRound>(round, &NoticeRound::run));
        // the audit chain's head outside the database: at start, every audit.anchorIntervalSeconds
        // and at shutdown
        AuditAnchors anchors(*store, *mailer, *clock, cfg.anchorMailTo);
        AnchorRound anchorRound(anchors);
        Poco::Timer anchorTimer(0, static_cast<long>(cfg.anchorIntervalSeconds) * 1000);
        anchorTimer.start(Poco::TimerCallback<AnchorRound>(anchorRound, &AnchorRound::run));

        AddressBudgets budgets(cfg.budgets);
        CrlPublisher crl(*store, ca, *clock, rootCrl);
        crl.publishAll();
        Router router;
        // a delegated signer for 30 days (renewed at half), answers good for an hour
        const auto ocspKey = cfg.ocspSignerKey.empty() ? nullptr : openSigningKey(cfg.ocspSignerKey, cfg.ocspSignerSecretFile);
        OcspResponder ocsp(ca, clock->now(), std::chrono::hours(24 * 30), std::chrono::hours(1), ocspKey);
        const Services services{enrollment, accounts, ca, *store, *clock, budgets, crl, ocsp, cfg.development};
        addRoutes(router, services);

        // The embedded TLS listener: a thread per connection (Poco), so connections are capped
        // per address and in all, and idle ones are closed after a short keep-alive.
        ConnectionGuard guard({cfg.maxConnectionsPerAddress, cfg.maxConnections});
        ApiDispatcher tlsDispatcher(router, PeerSource::TlsSocket, counted);
        Poco::ThreadPool pool(2, cfg.maxThreads);
        std::unique_ptr<Poco::Net::TCPServer> tlsServer;
        if (cfg.tls) {
            auto context = tlsContext(tlsCert.string(), tlsKey.string(), clientCa.string());
            Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress(cfg.address, cfg.port), cfg.maxConnections, context);
            const auto params = httpParams(cfg, cfg.maxThreads, cfg.maxConnections);
            Poco::Net::TCPServerConnectionFactory::Ptr http(
                new Poco::Net::HTTPServerConnectionFactory(params, new ApiRequestHandlerFactory(tlsDispatcher)));
            tlsServer = std::make_unique<Poco::Net::TCPServer>(guard.factory(http), pool, socket, params);
            tlsServer->setConnectionFilter(guard.filter());
            tlsServer->start();
            log.information("Rokin Enroll server listening on https://%s:%hu (%d connections per address, %d in all, "
                            "keep-alive %d s)", cfg.address, cfg.port, cfg.maxConnectionsPerAddress, cfg.maxConnections,
                            cfg.keepAliveSeconds);
        }
        // Revocation data over plain HTTP (server.revocationPort): the CRL and OCSP only, signed
        // data that relying parties (Windows' CryptoAPI among them) fetch without TLS.
        Router revocationRouter;
        addRevocationRoutes(revocationRouter, services);
        ApiDispatcher revocationDispatcher(revocationRouter, PeerSource::TlsSocket, counted); // no TLS: no certificate
        Poco::ThreadPool revocationPool(2, 16);
        std::unique_ptr<Poco::Net::TCPServer> revocationServer;
        if (cfg.revocationPort != 0) {
            Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(cfg.address, cfg.revocationPort), 256);
            const auto params = httpParams(cfg, 16, 256);
            Poco::Net::TCPServerConnectionFactory::Ptr http(
                new Poco::Net::HTTPServerConnectionFactory(params, new ApiRequestHandlerFactory(revocationDispatcher)));
            revocationServer = std::make_unique<Poco::Net::TCPServer>(guard.factory(http), revocationPool, socket, params);
            revocationServer->setConnectionFilter(guard.filter());
            revocationServer->start();
            log.information("revocation data (CRL, OCSP) over plain HTTP on http://%s:%hu", cfg.address, cfg.revocationPort);
        }
        // The listener behind nginx: event-driven, a few workers for every upstream connection.
        ApiDispatcher forwardedDispatcher(router, PeerSource::ForwardedHeaders, counted);
        std::optional<Poco::Net::ServerSocket> forwardedListenSocket;
        std::unique_ptr<ForwardedListener> forwardedServer;
        if (!cfg.forwardedListen.empty()) {
            forwardedListenSocket = forwardedSocket(cfg);
            forwardedServer = std::make_unique<ForwardedListener>(
                forwardedListenSocket->impl()->sockfd(),
                [&forwardedDispatcher](const IncomingRequest& request) { return forwardedDispatcher.serve(request); },
                ForwardedListenerSettings{cfg.forwardedWorkers, cfg.forwardedBlockingWorkers, cfg.argon2MaxWaitMs,
                                          cfg.forwardedMaxConnections, cfg.keepAliveSeconds, cfg.timeoutSeconds,
                                          peerUid(cfg.forwardedPeerUser), foreignPeerAudit(*store, *clock, cfg.forwardedPeerUser)});
            forwardedServer->start();
            log.information("listening for nginx on %s (client certificate and address from its headers; %d event "
                            "workers, %d blocking workers)", cfg.forwardedListen, cfg.forwardedWorkers, cfg.forwardedBlockingWorkers);
        }
        // The metrics for the bank's monitoring (metrics.listen: loopback or a Unix socket only):
        // GET /metrics in Prometheus' text format; nothing else there, and never on the API's listeners.
        const MonitoredParts monitored{*store, *clock, ca, ocsp,
                                       certificateFileNotAfter(tlsCert),
                                       anchors, cfg.anchorIntervalSeconds, [&guard] { return guard.openConnections(); },
                                       forwardedServer ? std::function<int()>([&forwardedServer] {
                                           return forwardedServer->openConnections();
                                       })
                                                       : std::function<int()>()};
        if (counted != nullptr) {
            addGauges(serverMetrics, monitored);
        }
        Router metricsRouter;
        metricsRouter.add("GET", "/metrics", [&serverMetrics](const ApiRequest&) {
            return ApiResponse{200, metrics::kContentType, serverMetrics.render(), {}};
        });
        ApiDispatcher metricsDispatcher(metricsRouter, PeerSource::TlsSocket); // no TLS: no certificate
        Poco::ThreadPool metricsPool(1, 4);
        std::unique_ptr<Poco::Net::TCPServer> metricsServer;
        if (!cfg.metricsListen.empty()) {
            auto socket = listenSocket(cfg.metricsListen, 16, "metrics.listen", {});
            // a connection per scrape: a scraper's keep-alive would hold the stop back
            // (Prometheus scrapes every few seconds, so its connection never idles out)
            auto params = httpParams(cfg, 4, 16);
            params->setKeepAlive(false);
            metricsServer = std::make_unique<Poco::Net::TCPServer>(
                new Poco::Net::HTTPServerConnectionFactory(params, new ApiRequestHandlerFactory(metricsDispatcher)), metricsPool,
                socket, params);
            metricsServer->start();
            log.information("metrics for the bank's monitoring on %s (GET /metrics)", cfg.metricsListen);
        }
        log.information("database: %s", cfg.dbUrl.starts_with("sqlite:") ? cfg.dbUrl : std::string("postgresql"));
        log.information("TLS chain clients pin: %s; client certificates' CAs: %s", chain.string(), clientCa.string());
        log.information("mail: %s", cfg.mailTransport == "smtp" ? "smtp " + cfg.smtp.host + ":" + std::to_string(cfg.smtp.port)
                                                                 : "outbox " + cfg.outboxDir.string());
        log.information("renewal: %s", std::string(settings.silentRenewal ? "PCs renew by themselves at logon (renewal.silent)"
                                                                          : "by hand only (renewal.silent = false)"));
        waitForTerminationRequest();
        log.information("stopping");
        noticeTimer.stop();
        anchorTimer.stop();
        if (tlsServer) {
            tlsServer->stop();
        }
        if (revocationServer) {
            revocationServer->stop();
        }
        if (forwardedServer) {
            forwardedServer->stop();
        }
        if (metricsServer) {
            metricsServer->stop();
        }
        pool.joinAll();
        revocationPool.joinAll();
        metricsPool.joinAll();
        (void)anchors.publish("shutdown"); // after the last request: the final head
        for (const auto& listen : {cfg.forwardedListen, cfg.metricsListen}) {
            if (listen.starts_with("unix:")) {
                std::filesystem::remove(listen.substr(5));
            }
        }
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
