// Every configuration key of the server (README lists them) with its default, read once from
// Poco's layered configuration into plain values. Shared by enroll-server and enroll-admin.
#pragma once

#include "service/Secrets.h"

#include "ca/CertificateAuthority.h"
#include "service/Throttle.h"
#include "mail/Mailer.h"
#include "service/ServiceSettings.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace enroll::server {

struct ServerConfig
{
    std::filesystem::path dataDir;
    std::string address = "0.0.0.0";
    unsigned short port = 8443;
    // server.revocationPort: plain HTTP for GET /crl and /ocsp only (RFC 5280/6960: relying
    // parties fetch revocation data without TLS); 0: none. Development: the port after `port`.
    unsigned short revocationPort = 0;
    bool tls = true;             // the embedded TLS listener (off when only nginx talks to us)
    int maxThreads = 64;
    int maxConnections = 1024;   // open connections in all, waiting ones included
    int maxConnectionsPerAddress = 16;
    int timeoutSeconds = 10;     // TLS handshake and each read of a request
    int keepAliveSeconds = 5;    // an idle connection is closed after this
    int maxKeepAliveRequests = 100; // then the connection is closed: busy clients take turns for threads
    // The listener behind nginx: "unix:/path" or a loopback "127.0.0.1:port"; empty: none.
    // Only there are the forwarded certificate and address headers believed.
    std::string forwardedListen;
    std::string forwardedSocketGroup; // group of the Unix socket (nginx's), mode 0660
    // server.forwardedPeerUser: the user nginx's workers run as; SO_PEERCRED refuses any other
    // process (needed in production with forwardedListen)
    std::string forwardedPeerUser;
    int forwardedWorkers = 0;    // event workers (reads answered there); 0 in the file: one per two cores
    int forwardedBlockingWorkers = 32; // the rest: password and code checks, signing, mail, writes
    int forwardedMaxConnections = 4096; // upstream connections nginx may keep open
    // metrics.listen: the Prometheus metrics (GET /metrics) for the bank's monitoring, on a loopback
    // "127.0.0.1:port" or "unix:/path"; empty: none. Never on the public listeners.
    std::string metricsListen;
    BudgetSettings budgets;      // per-address budgets of password and code checks
    unsigned argon2MaxConcurrent = 0; // 0: one per core
    int argon2MaxWaitMs = 2000;
    PasswordCost argon2Cost; // argon2.passes, argon2.memoryKiB: raised, old hashes upgrade at login
    std::string dbUrl;
    ServiceSettings service;
    std::filesystem::path codeKeyFile;
    std::string mailTransport = "outbox";
    int anchorIntervalSeconds = 3600; // audit.anchorIntervalSeconds: the audit chain's head to the journal
    std::string anchorMailTo;         // audit.anchorMailTo: and to the bank's operators
    bool mailAllowInsecure = false; // mail.allowInsecure: production takes outbox or smtp.tls = none (warned)
    std::filesystem::path outboxDir;
    SmtpSettings smtp;
    // server.mode (or --dev): "production" needs the bank's keys; "development" generates a
    // development PKI in dataDir/ca for whatever is not configured (demo, tests)
    bool development = false;
    CaFiles ca;                  // empty paths (development only): the development CA in dataDir/ca
    std::filesystem::path tlsCert;
    std::filesystem::path tlsKey;
    std::filesystem::path tlsChain; // tls.chain: the TLS CA's certificates, what clients trust (chain.pem)
    std::string crlUrl;
    // ca.previous.*: the issuing CA before a rollover, answered for until its certificates
    // expire; its CRL is served at the path of ca.previous.crlUrl (what its certificates carry)
    CaFiles previousCa;
    std::string previousCrlUrl;
    std::string ocspUrl; // ca.ocspUrl: the OCSP responder's address in issued certificates' AIA
    // ocsp.signerKey: the OCSP responder's own key (a pkcs11: URI, or a PEM file) and the file with
    // its PIN or passphrase (ocsp.signerKeyPassphraseFile); empty: a fresh key in memory
    std::string ocspSignerKey;
    std::filesystem::path rootCrl; // ca.rootCrl: the root's CRL of issuing CAs (RootCrl.h)
    std::filesystem::path ocspSignerSecretFile;
    std::string organization = "Rokin";
    int noticeIntervalSeconds = 3600; // how often expiry notices are looked for
    std::string clockFile;       // test.clockFile: test-only time offset
    std::string logLevel = "information";
    std::string logFile;         // empty: standard error
};

// What production mode needs and the configuration lacks (the keys' names); empty when nothing.
std::vector<std::string> missingForProduction(const ServerConfig& config);
// Why the mail set-up is unsafe for production (codes that never reach anyone, or mail in clear),
// empty when it is not.
std::string unsafeMailForProduction(const ServerConfig& config);

// Reads and checks the configuration; throws std::invalid_argument with a sentence naming the
// key for a value that cannot work. `dataDir`/`port` from the command line win when given.
ServerConfig loadServerConfig(const Poco::Util::AbstractConfiguration& config, const std::string& dataDir,
                              int port);

// True for "unix:/absolute/path" only: the one place the forwarded client certificate may come
// from (a TCP port, loopback too, is open to every process on the host).
bool isForwardedListenerSafe(const std::string& listen);

// True for a loopback "host:port" or "unix:/absolute/path": where metrics.listen may be.
bool isMetricsListenerPrivate(const std::string& listen);

// The HMAC key for one-time codes: read from codeKeyFile, created (0600) on first start.
std::string loadOrCreateCodeKey(const std::filesystem::path& file);

// Sets up the root logger (console or file) at the configured level.
void configureLogging(const ServerConfig& config);

} // namespace enroll::server
