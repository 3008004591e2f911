#include "app/ServerConfig.h"

#include "service/RequestLog.h"
#include "service/Secrets.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Formatter.h>
#include <Poco/LocalDateTime.h>

#include <algorithm>
#include <fstream>
#include <thread>
#include <sstream>
#include <stdexcept>

namespace enroll::server {
namespace {

int positive(const Poco::Util::AbstractConfiguration& c, const std::string& key, int fallback)
{
    const int value = c.getInt(key, fallback);
    if (value <= 0) {
        throw std::invalid_argument(key + " must be a positive number");
    }
    return value;
}

std::string readSecretFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in) {
        throw std::invalid_argument("cannot read " + path);
    }
    std::string value;
    std::getline(in, value);
    return value;
}

} // namespace

bool isForwardedListenerSafe(const std::string& listen)
{
    // never TCP, not even loopback: any process on the host could connect there and pose as nginx
    return listen.starts_with("unix:/") && listen.size() > 6;
}

bool isMetricsListenerPrivate(const std::string& listen)
{
    if (listen.starts_with("unix:/") && listen.size() > 6) {
        return true;
    }
    try {
        const Poco::Net::SocketAddress address(listen);
        return address.host().isLoopback() && address.port() != 0;
    } catch (const Poco::Exception&) {
        return false;
    }
}

ServerConfig loadServerConfig(const Poco::Util::AbstractConfiguration& c, const std::string& dataDir, int port)
{
    ServerConfig cfg;
    cfg.dataDir = !dataDir.empty() ? dataDir : c.getString("server.dataDir", "/var/lib/rokin-enroll");
    cfg.dataDir = std::filesystem::absolute(cfg.dataDir);
    cfg.address = c.getString("server.address", cfg.address);
    const int configuredPort = port > 0 ? port : c.getInt("server.port", 8443);
    if (configuredPort <= 0 || configuredPort > 65535) {
        throw std::invalid_argument("server.port must be between 1 and 65535");
    }
    cfg.port = static_cast<unsigned short>(configuredPort);
    cfg.tls = c.getBool("server.tls", cfg.tls);
    cfg.maxThreads = positive(c, "server.maxThreads", cfg.maxThreads);
    cfg.maxConnections = positive(c, "server.maxConnections", cfg.maxConnections);
    cfg.maxConnectionsPerAddress = positive(c, "server.maxConnectionsPerAddress", cfg.maxConnectionsPerAddress);
    cfg.timeoutSeconds = positive(c, "server.timeoutSeconds", cfg.timeoutSeconds);
    cfg.keepAliveSeconds = positive(c, "server.keepAliveSeconds", cfg.keepAliveSeconds);
    cfg.maxKeepAliveRequests = positive(c, "server.maxKeepAliveRequests", cfg.maxKeepAliveRequests);
    cfg.forwardedListen = c.getString("server.forwardedListen", "");
    if (!cfg.forwardedListen.empty() && !isForwardedListenerSafe(cfg.forwardedListen)) {
        throw std::invalid_argument("server.forwardedListen must be unix:/path, never TCP (it believes the client "
                                    "certificate nginx forwards: on a TCP port any local process could pose as nginx)");
    }
    cfg.metricsListen = c.getString("metrics.listen", "");
    if (!cfg.metricsListen.empty() && !isMetricsListenerPrivate(cfg.metricsListen)) {
        throw std::invalid_argument("metrics.listen must be a loopback address and port (127.0.0.1:9464) or unix:/path: "
                                    "the metrics are for the bank's monitoring only");
    }
    cfg.forwardedSocketGroup = c.getString("server.forwardedSocketGroup", "");
    cfg.forwardedPeerUser = c.getString("server.forwardedPeerUser", "");
    cfg.forwardedWorkers = c.getInt("server.forwardedWorkers", cfg.forwardedWorkers);
    if (cfg.forwardedWorkers < 0) {
        throw std::invalid_argument("server.forwardedWorkers must be 0 (one per two cores) or more");
    }
    if (cfg.forwardedWorkers == 0) {
        // nginx shares the host: event workers on every core took its time (docs/performance.md)
        cfg.forwardedWorkers = static_cast<int>(std::max(1U, std::thread::hardware_concurrency() / 2));
    }
    cfg.forwardedBlockingWorkers = positive(c, "server.forwardedBlockingWorkers", cfg.forwardedBlockingWorkers);
    cfg.forwardedMaxConnections = positive(c, "server.forwardedMaxConnections", cfg.forwardedMaxConnections);
    if (!cfg.tls && cfg.forwardedListen.empty()) {
        throw std::invalid_argument("server.tls = false needs server.forwardedListen (no listener left)");
    }
    cfg.budgets.checks = positive(c, "throttle.checks", cfg.budgets.checks);
    cfg.budgets.window = std::chrono::seconds(positive(c, "throttle.windowSeconds", static_cast<int>(cfg.budgets.window.count())));
    const int argon2Concurrent = c.getInt("argon2.maxConcurrent", 0);
    if (argon2Concurrent < 0) {
        throw std::invalid_argument("argon2.maxConcurrent must be 0 (one per core) or more");
    }
    cfg.argon2MaxConcurrent = static_cast<unsigned>(argon2Concurrent);
    cfg.argon2MaxWaitMs = positive(c, "argon2.maxWaitMs", cfg.argon2MaxWaitMs);
    const PasswordCost floor;
    const int passes = c.getInt("argon2.passes", static_cast<int>(floor.passes));
    const int memoryKiB = c.getInt("argon2.memoryKiB", static_cast<int>(floor.memoryKiB));
    if (passes < static_cast<int>(floor.passes) || passes > 64 || memoryKiB < static_cast<int>(floor.memoryKiB) ||
        memoryKiB > 4 * 1024 * 1024) {
        throw std::invalid_argument("argon2.passes must be 2-64 and argon2.memoryKiB 19456-4194304 (OWASP's minimum and up)");
    }
    cfg.argon2Cost = {static_cast<unsigned long long>(passes), static_cast<std::size_t>(memoryKiB)};
    cfg.dbUrl = c.getString("db.url", "sqlite:" + (cfg.dataDir / "enroll.db").string());

    auto& s = cfg.service;
    s.lockout.threshold = positive(c, "lockout.threshold", 6);
    s.lockout.duration = std::chrono::seconds(positive(c, "lockout.durationSeconds", 3600));
    s.lockout.locksBeforeBlock = positive(c, "lockout.locksBeforeBlock", 3);
    s.lockout.unknownRetention = std::chrono::hours(24) * positive(c, "lockout.unknownRetentionDays", 30);
    if (s.lockout.unknownRetention < s.lockout.duration) {
        throw std::invalid_argument("lockout.unknownRetentionDays must outlast lockout.durationSeconds");
    }
    s.codeTtl = std::chrono::seconds(positive(c, "code.ttlSeconds", 1800));
    s.codeMaxAttempts = positive(c, "code.maxAttempts", 5);
    s.wrongCodesPerFailure = positive(c, "code.wrongPerFailedAuthentication", 6);
    s.resendInterval = std::chrono::seconds(positive(c, "code.resendIntervalSeconds", 60));
    s.maxResends = positive(c, "code.maxResends", 3);
    s.registrationTokenTtl = std::chrono::seconds(positive(c, "registration.tokenTtlSeconds", 900));
    s.issuanceTokenTtl = std::chrono::seconds(positive(c, "issuance.tokenTtlSeconds", 1800));
    s.maxUsersPerContract = positive(c, "contract.maxUsers", 20);
    s.silentRenewal = c.getBool("renewal.silent", true);
    s.renewalHours = {c.getInt("renewal.earliestHour", 8), c.getInt("renewal.latestHour", 20)};
    if (!validRenewalHours(s.renewalHours)) {
        throw std::invalid_argument("renewal.earliestHour and renewal.latestHour must be hours of the day (Japan time) with "
                                    "0 <= earliestHour < latestHour <= 24");
    }
    cfg.codeKeyFile = c.getString("code.keyFile", (cfg.dataDir / "code.key").string());

    cfg.mailTransport = c.getString("mail.transport", "outbox");
    if (cfg.mailTransport != "outbox" && cfg.mailTransport != "smtp") {
        throw std::invalid_argument("mail.transport must be outbox or smtp");
    }
    cfg.outboxDir = c.getString("mail.outboxDir", (cfg.dataDir / "outbox").string());
    cfg.smtp.from = c.getString("mail.from", "noreply@localhost");
    cfg.smtp.host = c.getString("smtp.host", "localhost");
    cfg.smtp.tls = c.getString("smtp.tls", "starttls");
    if (cfg.smtp.tls != "none" && cfg.smtp.tls != "starttls" && cfg.smtp.tls != "tls") {
        throw std::invalid_argument("smtp.tls must be none, starttls or tls");
    }
    const int smtpPort = c.getInt("smtp.port", cfg.smtp.tls == "tls" ? 465 : (cfg.smtp.tls == "starttls" ? 587 : 25));
    if (smtpPort <= 0 || smtpPort > 65535) {
        throw std::invalid_argument("smtp.port must be between 1 and 65535");
    }
    cfg.smtp.port = static_cast<unsigned short>(smtpPort);
    cfg.smtp.user = c.getString("smtp.user", "");
    if (!cfg.smtp.user.empty() && cfg.smtp.tls == "none") {
        throw std::invalid_argument("smtp.user needs smtp.tls=starttls or tls: the password is never sent in clear");
    }
    if (const auto file = c.getString("smtp.passwordFile", ""); !file.empty()) {
        cfg.smtp.password = readSecretFile(file);
    }
    cfg.smtp.caFile = c.getString("smtp.caFile", "");
    cfg.smtp.timeoutSeconds = positive(c, "smtp.timeoutSeconds", 20);
    cfg.mailAllowInsecure = c.getBool("mail.allowInsecure", false);

    cfg.ca.certificate = c.getString("ca.cert", "");
    cfg.ca.key = c.getString("ca.key", "");
    cfg.ca.passphraseFile = c.getString("ca.keyPassphraseFile", "");
    cfg.ca.chain = c.getString("ca.chain", "");
    if (cfg.ca.certificate.empty() != cfg.ca.key.empty()) {
        throw std::invalid_argument("ca.cert and ca.key are set together, or neither");
    }
    cfg.ocspSignerKey = c.getString("ocsp.signerKey", "");
    cfg.rootCrl = c.getString("ca.rootCrl", "");
    cfg.ocspSignerSecretFile = c.getString("ocsp.signerKeyPassphraseFile", "");
    cfg.tlsCert = c.getString("tls.cert", "");
    cfg.tlsKey = c.getString("tls.key", "");
    cfg.tlsChain = c.getString("tls.chain", "");
    if (cfg.tlsCert.empty() != cfg.tlsKey.empty()) {
        throw std::invalid_argument("tls.cert and tls.key are set together, or neither");
    }
    const auto mode = c.getString("server.mode", c.has("cmdline.dev") ? "development" : "production");
    if (mode != "production" && mode != "development") {
        throw std::invalid_argument("server.mode must be production or development");
    }
    cfg.development = mode == "development";
    // production names its CRL's address itself (missingForProduction); localhost is for development
    const int revocationPort = c.getInt("server.revocationPort", cfg.development && cfg.port < 65535 ? cfg.port + 1 : 0);
    if (revocationPort < 0 || revocationPort > 65535 || (revocationPort != 0 && revocationPort == cfg.port)) {
        throw std::invalid_argument("server.revocationPort must be 0 (none) or a port between 1 and 65535 other than server.port");
    }
    cfg.revocationPort = static_cast<unsigned short>(revocationPort);
    // development names its own addresses: plain HTTP where there is a revocation port (what
    // relying parties expect), production names them itself (missingForProduction)
    const auto local = cfg.revocationPort != 0 ? "http://localhost:" + std::to_string(cfg.revocationPort)
                                               : "https://localhost:" + std::to_string(cfg.port);
    cfg.crlUrl = c.getString("ca.crlUrl", cfg.development ? local + "/crl" : "");
    cfg.ocspUrl = c.getString("ca.ocspUrl", cfg.development ? local + "/ocsp" : "");
    cfg.organization = c.getString("ca.organization", cfg.organization);
    cfg.previousCa.certificate = c.getString("ca.previous.cert", "");
    cfg.previousCa.key = c.getString("ca.previous.key", "");
    cfg.previousCa.passphraseFile = c.getString("ca.previous.keyPassphraseFile", "");
    cfg.previousCa.chain = c.getString("ca.previous.chain", cfg.ca.chain.string());
    cfg.previousCrlUrl = c.getString("ca.previous.crlUrl", "");
    if (!cfg.previousCa.certificate.empty()) {
        if (cfg.previousCa.key.empty() || cfg.previousCrlUrl.empty() || cfg.ca.certificate.empty()) {
            throw std::invalid_argument("a rollover needs ca.cert with ca.previous.cert, ca.previous.key and ca.previous.crlUrl");
        }
        if (urlPath(cfg.previousCrlUrl) == urlPath(cfg.crlUrl)) {
            throw std::invalid_argument("ca.crlUrl must change at a rollover: ca.previous.crlUrl keeps the old one "
                                        "for the previous CA's certificates");
        }
    }
    cfg.noticeIntervalSeconds = positive(c, "notices.intervalSeconds", 3600);
    cfg.anchorIntervalSeconds = positive(c, "audit.anchorIntervalSeconds", 3600);
    cfg.anchorMailTo = c.getString("audit.anchorMailTo", "");
    cfg.clockFile = c.getString("test.clockFile", "");
    cfg.logLevel = c.getString("log.level", cfg.logLevel);
    cfg.logFile = c.getString("log.file", "");
    return cfg;
}

std::vector<std::string> missingForProduction(const ServerConfig& config)
{
    std::vector<std::string> missing;
    if (config.ca.certificate.empty()) {
        missing.emplace_back("ca.cert");
        missing.emplace_back("ca.key");
    }
    if (config.tls && config.tlsCert.empty()) {
        missing.emplace_back("tls.cert");
        missing.emplace_back("tls.key");
    }
    if (config.tlsChain.empty()) {
        missing.emplace_back("tls.chain");
    }
    if (config.crlUrl.empty()) {
        missing.emplace_back("ca.crlUrl");
    }
    if (config.ocspUrl.empty()) {
        missing.emplace_back("ca.ocspUrl");
    }
    if (!config.forwardedListen.empty() && config.forwardedPeerUser.empty()) {
        missing.emplace_back("server.forwardedPeerUser"); // without it, any local process is "nginx"
    }
    return missing;
}

std::string unsafeMailForProduction(const ServerConfig& config)
{
    if (config.mailTransport == "outbox") {
        return "mail.transport = outbox writes mails to " + config.outboxDir.string() +
               " and sends none: one-time codes would never reach anyone";
    }
    if (config.smtp.tls == "none") {
        return "smtp.tls = none sends one-time codes to the mail server in clear";
    }
    return {};
}

std::string loadOrCreateCodeKey(const std::filesystem::path& file)
{
    if (std::filesystem::exists(file)) {
        return readSecretFile(file.string());
    }
    std::filesystem::create_directories(file.parent_path());
    const auto key = newToken();
    writeFileAtomically(file, std::string(key.view()) + "\n", true);
    return std::string(key.view());
}

namespace {

// Every line in logfmt: time (RFC 3339, this host's offset), level and logger, then the message —
// a LogLine's pairs as they are, free text as msg="…".
class LogfmtFormatter final : public Poco::Formatter
{
public:
    void format(const Poco::Message& message, std::string& text) override
    {
        static constexpr const char* kLevels[] = {"none", "fatal", "critical", "error", "warning", "notice", "info", "debug", "trace"};
        const auto priority = static_cast<std::size_t>(message.getPriority());
        text = "time=" + Poco::DateTimeFormatter::format(Poco::LocalDateTime(message.getTime()), "%Y-%m-%dT%H:%M:%S.%i%z") +
               " level=" + (priority < std::size(kLevels) ? kLevels[priority] : "info") +
               " logger=" + logfmtValue(message.getSource()) + ' ';
        const auto& body = message.getText();
        text += body.starts_with("msg=") ? body : "msg=" + logfmtValue(body);
    }
};

} // namespace

void configureLogging(const ServerConfig& config)
{
    Poco::AutoPtr<Poco::Channel> sink;
    if (config.logFile.empty()) {
        sink = new Poco::ConsoleChannel;
    } else {
        auto* file = new Poco::FileChannel(config.logFile);
        file->setProperty("rotation", "daily");
        file->setProperty("archive", "timestamp");
        file->setProperty("purgeCount", "30");
        sink = file;
    }
    Poco::AutoPtr<Poco::Formatter> format(new LogfmtFormatter);
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(format, sink));
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(config.logLevel);
    // loggers created before this call keep their old channel: reset them too
    std::vector<std::string> names;
    Poco::Logger::names(names);
    for (const auto& name : names) {
        Poco::Logger::get(name).setChannel(channel);
        Poco::Logger::get(name).setLevel(config.logLevel);
    }
}

} // namespace enroll::server
