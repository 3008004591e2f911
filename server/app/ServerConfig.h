// Every configuration key of the server (README lists them) with its default, read once from
// Poco's layered configuration into plain values. Shared by enroll-server and enroll-admin.
#pragma once

#include "ca/CertificateAuthority.h"
#include "mail/Mailer.h"
#include "service/ServiceSettings.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <filesystem>
#include <memory>
#include <string>

namespace enroll::server {

struct ServerConfig
{
    std::filesystem::path dataDir;
    std::string address = "0.0.0.0";
    unsigned short port = 8443;
    int maxThreads = 16;
    int maxQueued = 64;
    int timeoutSeconds = 30;
    std::string dbUrl;
    ServiceSettings service;
    std::filesystem::path codeKeyFile;
    std::string mailTransport = "outbox";
    std::filesystem::path outboxDir;
    SmtpSettings smtp;
    CaFiles ca;                  // empty paths: the development CA in dataDir/ca
    std::filesystem::path tlsCert;
    std::filesystem::path tlsKey;
    std::string crlUrl;
    std::string organization = "Rokin";
    int noticeIntervalSeconds = 3600; // how often expiry notices are looked for
    std::string clockFile;       // test.clockFile: test-only time offset
    std::string logLevel = "information";
    std::string logFile;         // empty: standard error
};

// Reads and checks the configuration; throws std::invalid_argument with a sentence naming the
// key for a value that cannot work. `dataDir`/`port` from the command line win when given.
ServerConfig loadServerConfig(const Poco::Util::AbstractConfiguration& config, const std::string& dataDir,
                              int port);

// The HMAC key for one-time codes: read from codeKeyFile, created (0600) on first start.
std::string loadOrCreateCodeKey(const std::filesystem::path& file);

// Sets up the root logger (console or file) at the configured level.
void configureLogging(const ServerConfig& config);

} // namespace enroll::server
