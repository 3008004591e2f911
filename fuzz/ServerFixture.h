// The server's real request path in one process, for the fuzzers: an SQLite store in a throwaway
// folder, the development CA, the outbox mailer, the services and the routes, wired as
// enroll-server wires them, and the dispatcher of the listener behind nginx (so the forwarded
// certificate and address headers are parsed too). Budgets are large: a fuzzer's one address
// would otherwise spend them in seconds and only ever see RATE_LIMITED.
#pragma once

#include "FuzzInput.h"

#include "ca/CaHierarchy.h"
#include "ca/CertificateAuthority.h"
#include "ca/OcspResponder.h"
#include "http/HttpTransport.h"
#include "http/Routes.h"
#include "mail/Mailer.h"
#include "service/AccountService.h"
#include "service/Clock.h"
#include "service/CrlPublisher.h"
#include "service/EnrollmentService.h"
#include "service/Secrets.h"
#include "service/ServiceSettings.h"
#include "service/Throttle.h"
#include "store/Store.h"

#include <Poco/Logger.h>

#include <filesystem>
#include <memory>
#include <string>

namespace enroll::fuzz {

class ServerFixture
{
public:
    ServerFixture()
        : dir_(quietDirectory()), pki_(server::ensureDevelopmentPki(dir_ / "ca")),
          store_(server::openStore("sqlite:" + (dir_ / "enroll.db").string())),
          ca_(pki_.ca, "http://localhost/crl", "Rokin Fuzz", "http://localhost/ocsp"),
          mailer_(server::makeOutboxMailer(dir_ / "outbox", "noreply@localhost")), settings_(makeSettings()),
          enrollment_(*store_, ca_, *mailer_, clock_, hasher_, settings_),
          accounts_(*store_, ca_, clock_, hasher_, *mailer_, settings_), budgets_({1000000, std::chrono::seconds(1), 1000}),
          crl_(*store_, ca_, clock_), ocsp_(ca_, clock_.now(), std::chrono::hours(24 * 30), std::chrono::hours(1))
    {
        server::addRoutes(router_, server::Services{enrollment_, accounts_, ca_, *store_, clock_, budgets_, crl_, ocsp_, true});
        dispatcher_ = std::make_unique<server::ApiDispatcher>(router_, server::PeerSource::ForwardedHeaders);
        // what the seeds meet: the demo contract (初期パスワード Demo1!aB), and a contract whose master
        // fuzzmast1 (Pass1!ab) registered, so that authentication and the code go further
        for (const auto* number : {"12345678", "23456789"}) {
            server::ContractRecord contract;
            contract.number = number;
            contract.employerName = "労金商事";
            contract.initialPasswordHash = hasher_.hash("Demo1!aB");
            contract.createdAt = clock_.now();
            auto tx = store_->begin(server::Store::Mode::Write);
            tx->insertContract(contract);
            tx->commit();
        }
        const auto login = call("POST", "/api/v1/contract/login", R"({"contractNumber":"23456789","initialPassword":"Demo1!aB"})");
        const auto at = login.body.find("\"registrationToken\":\"");
        if (at != std::string::npos) {
            const auto token = login.body.substr(at + 21, login.body.find('"', at + 21) - at - 21);
            call("POST", "/api/v1/master/register",
                 R"({"userId":"fuzzmast1","password":"Pass1!ab","userName":"労金　太郎","email":"fuzz@example.co.jp"})", token);
        }
    }

    // One request straight to the dispatcher, as nginx would forward it.
    server::ApiResponse call(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& bearer = {})
    {
        server::IncomingRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        const std::string authorization = bearer.empty() ? std::string() : "Bearer " + bearer;
        request.field = [&](const char* name) -> std::string_view {
            const std::string_view n(name);
            if (n == "Content-Type") {
                return "application/json";
            }
            if (n == "Authorization") {
                return authorization;
            }
            if (n == server::kClientAddressHeader) {
                return "192.0.2.1";
            }
            return {};
        };
        return dispatcher_->serve(request);
    }
    ServerFixture(const ServerFixture&) = delete;
    ServerFixture& operator=(const ServerFixture&) = delete;

    server::ApiDispatcher& dispatcher() { return *dispatcher_; }
    server::Store& store() { return *store_; }
    const server::CertificateAuthority& ca() const { return ca_; }
    [[nodiscard]] const std::filesystem::path& directory() const { return folder_.path(); }

private:
    std::filesystem::path quietDirectory()
    {
        Poco::Logger::root().setLevel("none"); // the access log of a million requests helps nobody
        return folder_.path();
    }
    static server::ServiceSettings makeSettings()
    {
        server::ServiceSettings s;
        s.codeKey = std::string(32, 'k');
        return s;
    }

    TemporaryDirectory folder_;
    std::filesystem::path dir_;
    server::DevelopmentPki pki_;
    std::unique_ptr<server::Store> store_;
    server::CertificateAuthority ca_;
    std::unique_ptr<server::Mailer> mailer_;
    server::SystemClock clock_;
    server::PasswordHasher hasher_;
    server::ServiceSettings settings_;
    server::EnrollmentService enrollment_;
    server::AccountService accounts_;
    server::AddressBudgets budgets_;
    server::CrlPublisher crl_;
    server::OcspResponder ocsp_;
    server::Router router_;
    std::unique_ptr<server::ApiDispatcher> dispatcher_;
};

} // namespace enroll::fuzz
