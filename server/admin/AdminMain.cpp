// enroll-admin: the bank operators' command line (API.md). Exit 0 on success; otherwise a
// one-line reason on stderr and a non-zero exit code.
#include "admin/AdminService.h"
#include "admin/Backup.h"
#include "admin/CaCeremony.h"
#include "app/ServerConfig.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

using namespace enroll;
using namespace enroll::server;

namespace {

constexpr int kUsage = 64;
constexpr int kFailed = 1;

const char* kUsageText =
    "usage: enroll-admin (--data-dir DIR | --config FILE) COMMAND\n"
    "  contract add --number N --employer NAME --initial-password-stdin\n"
    "  contract import FILE.csv            (number,employer,initialPassword per line)\n"
    "  contract list\n"
    "  contract reset-master N --initial-password-stdin\n"
    "  contract unblock N\n"
    "  user list [--contract N]\n"
    "  user unblock USERID\n"
    "  cert list [--user USERID]\n"
    "  cert revoke SERIAL --reason REASON\n"
    "  audit verify [--anchors FILE]       (the hash chain: every row, none removed; with FILE, also\n"
    "                                       the anchors the server wrote to its journal: journalctl\n"
    "                                       -u rokin-enroll -g 'audit anchor' >FILE)\n"
    "  audit list [--since TIME]           (RFC 3339, e.g. 2026-11-24T00:00:00+09:00)\n"
    "  ca show                             (the configured issuing CAs and their chains, checked)\n"
    "  report [--since 24h] [--until TIME] [--csv]\n"
    "                                      (the operator's report: issuances, renewals, failures, locks\n"
    "                                       and blocks, certificates expiring unrenewed, mail failures;\n"
    "                                       --since 24h, 7d, 90m or RFC 3339; --csv for a spreadsheet)\n"
    "  backup FILE                         (SQLite: a consistent copy while the server serves, written\n"
    "                                       atomically, verified: integrity and audit chain)\n"
    "  restore FILE                        (into the data directory's database, which must not exist;\n"
    "                                       refused unless FILE verifies)\n"
    "The key ceremony (docs/operations.md), without --data-dir or --config:\n"
    "  ca make-root --cert F --key F --passphrase-file F --organization O --name CN [--days 7300]\n"
    "  ca make-issuing --key F --csr F --passphrase-file F --organization O --name CN\n"
    "  ca sign-issuing --root-cert F --root-key F --passphrase-file F --csr F --out F --crl-url URL [--days 1825]\n"
    "                  (URL: where the root's CRL is published, e.g. http://enroll.example.jp/crl/root)\n"
    "  ca root-crl --root-cert F --root-key F --passphrase-file F --ledger F --out F [--days 365]\n"
    "  ca revoke-issuing --cert F --root-cert F --root-key F --passphrase-file F --ledger F --out F\n"
    "                  [--reason keyCompromise] [--days 365]   (then copy --out to the server: ca.rootCrl)\n"
    "  A key may be a PKCS#11 URI (pkcs11:token=T;object=K?module-path=LIB): it is made and kept in\n"
    "  that token, and --passphrase-file holds the token's PIN.\n";

struct Arguments
{
    std::string dataDir;
    std::string configFile;
    std::vector<std::string> words;            // positional
    std::map<std::string, std::string> values; // --name value
    std::vector<std::string> flags;            // --name without value
};

// The operator in the audit log: the account of the real uid, never $USER (anyone can set it).
// Run through sudo by root, the account of SUDO_UID, the way sudo set it ("alice via sudo").
std::string operatorIdentity(uid_t uid, const char* sudoUid)
{
    const auto nameOf = [](uid_t id) {
        const passwd* entry = getpwuid(id);
        return entry ? std::string(entry->pw_name) : "uid " + std::to_string(id);
    };
    if (uid == 0 && sudoUid != nullptr) {
        char* end = nullptr;
        const unsigned long id = std::strtoul(sudoUid, &end, 10);
        if (end != sudoUid && *end == '\0') {
            return nameOf(static_cast<uid_t>(id)) + " via sudo";
        }
    }
    return nameOf(uid);
}

bool isFlag(const std::string& name)
{
    return name == "--initial-password-stdin" || name == "--csv";
}

std::optional<Arguments> parse(int argc, char** argv)
{
    Arguments a;
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word.rfind("--", 0) == 0) {
            if (isFlag(word)) {
                a.flags.push_back(word);
                continue;
            }
            if (i + 1 >= argc) {
                return std::nullopt;
            }
            const std::string value = argv[++i];
            if (word == "--data-dir") {
                a.dataDir = value;
            } else if (word == "--config") {
                a.configFile = value;
            } else {
                a.values[word] = value;
            }
        } else {
            a.words.push_back(word);
        }
    }
    if (a.words.empty() || (a.words.size() < 2 && a.words[0] != "report")) {
        return std::nullopt;
    }
    // the ceremony runs on the offline machine too: no server configuration there
    const bool ceremony = a.words[0] == "ca" && a.words[1] != "show";
    if (ceremony ? !(a.dataDir.empty() && a.configFile.empty()) : a.dataDir.empty() == a.configFile.empty()) {
        return std::nullopt;
    }
    return a;
}

int fail(const std::string& reason)
{
    std::cerr << "enroll-admin: " << reason << '\n';
    return kFailed;
}

int report(const Status& status)
{
    return status ? 0 : fail(status.error().detail);
}

std::string time(Instant t)
{
    return formatRfc3339Jst(t);
}

std::string lockText(const LockState& lock, Instant now)
{
    if (lock.blocked) {
        return "blocked";
    }
    if (lock.lockedUntil && *lock.lockedUntil > now) {
        return "locked until " + time(*lock.lockedUntil);
    }
    return "active";
}

std::optional<std::string> option(const Arguments& a, const std::string& name)
{
    const auto it = a.values.find(name);
    return it == a.values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

// One line of standard input (the operator's terminal or a pipe), without its line end.
SecureString passwordFromStdin()
{
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.pop_back();
    }
    return SecureString(std::move(line));
}

int days(const Arguments& a, int fallback)
{
    const auto text = option(a, "--days");
    return text ? std::atoi(text->c_str()) : fallback;
}

// `ca make-root`, `ca make-issuing` and `ca sign-issuing`: files and tokens only, no database.
int runCeremony(const Arguments& a)
{
    const auto value = [&a](const char* name) { return option(a, name).value_or(std::string()); };
    const CaName name{value("--organization"), value("--name")};
    const auto& verb = a.words[1];
    if (verb == "make-root") {
        const auto made = makeRootFiles({value("--cert"), value("--key"), value("--passphrase-file"), name, days(a, 7300)});
        std::cout << "root made: " << made << '\n'
                  << "keep its key offline; copy only the certificate to the server (ca.chain)\n";
        return 0;
    }
    if (verb == "make-issuing") {
        makeIssuingFiles({value("--key"), value("--csr"), value("--passphrase-file"), name});
        std::cout << "issuing CA key " << value("--key") << " and request " << value("--csr")
                  << " made: carry the request to the root's machine for ca sign-issuing\n";
        return 0;
    }
    if (verb == "sign-issuing") {
        const auto signed_ = signIssuingFile({value("--root-cert"), value("--root-key"), value("--passphrase-file"),
                                              value("--csr"), value("--out"), days(a, 1825), value("--crl-url")});
        std::cout << "issuing CA signed: " << signed_ << '\n';
        return 0;
    }
    const RootCrlSignature rootCrl{value("--root-cert"), value("--root-key"), value("--passphrase-file"), value("--ledger"),
                                   value("--out"), days(a, 365)};
    if (verb == "root-crl") {
        std::cout << signRootCrlFile(rootCrl) << '\n';
        return 0;
    }
    if (verb == "revoke-issuing") {
        std::cout << revokeIssuingFile(rootCrl, value("--cert"), option(a, "--reason").value_or("keyCompromise")) << '\n'
                  << "copy it to the server (ca.rootCrl): that CA's certificates are refused from then on\n";
        return 0;
    }
    std::cerr << kUsageText;
    return kUsage;
}

// `backup FILE` and `restore FILE`: SQLite only, without opening the store (a restore's
// database must not exist yet).
int runBackup(const Arguments& a, const ServerConfig& cfg)
{
    if (!cfg.dbUrl.starts_with("sqlite:")) {
        return fail("db.url is PostgreSQL: back it up with pg_dump and restore with pg_restore (docs/operations.md, "
                    "\"Backups\")");
    }
    const std::filesystem::path database = cfg.dbUrl.substr(7);
    const bool backup = a.words[0] == "backup";
    const auto report = backup ? backupDatabase(database, a.words[1]) : restoreDatabase(a.words[1], database);
    std::cout << (backup ? "backup written: " + a.words[1] : "restored into " + database.string()) << " (" << report.bytes
              << " bytes); verified: integrity ok, audit chain whole: " << report.auditRows << " row(s), head "
              << report.head.seq << ' ' << report.head.chain << "; " << report.certificates << " certificate(s)\n";
    return 0;
}

int run(const Arguments& a, AdminService& admin, const Clock& clock, const ServerConfig& config)
{
    const auto& noun = a.words[0];
    const std::string verb = a.words.size() > 1 ? a.words[1] : std::string();
    const auto arg = [&a](std::size_t i) { return a.words.size() > i ? a.words[i] : std::string(); };

    if (noun == "contract" && verb == "add") {
        const auto number = option(a, "--number");
        const auto employer = option(a, "--employer");
        if (!number || !employer || a.flags.empty()) {
            return fail("contract add needs --number, --employer and --initial-password-stdin");
        }
        const auto password = passwordFromStdin();
        const auto status = admin.addContract(*number, *employer, password.view());
        if (status) {
            std::cout << "contract " << *number << " added\n";
        }
        return report(status);
    }
    if (noun == "contract" && verb == "import") {
        std::ifstream csv(arg(2));
        if (!csv) {
            return fail("cannot read " + arg(2));
        }
        const auto result = admin.importContracts(csv);
        if (!result) {
            return fail(result.error().detail);
        }
        if (!result->problems.empty()) {
            for (const auto& problem : result->problems) {
                std::cerr << problem << '\n';
            }
            return fail("nothing imported: " + std::to_string(result->problems.size()) + " line(s) refused");
        }
        std::cout << result->added << " contract(s) imported\n";
        return 0;
    }
    if (noun == "contract" && verb == "list") {
        std::cout << "number\temployer\tstate\tcreated\n";
        for (const auto& c : admin.contracts()) {
            std::cout << c.number << '\t' << c.employerName << '\t' << lockText(c.lock, clock.now()) << '\t'
                      << time(c.createdAt) << '\n';
        }
        return 0;
    }
    if (noun == "contract" && verb == "reset-master") {
        if (a.flags.empty()) {
            return fail("contract reset-master needs --initial-password-stdin: a new initial password for the next master");
        }
        const auto password = passwordFromStdin();
        const auto status = admin.resetMaster(arg(2), password.view());
        if (status) {
            std::cout << "master of contract " << arg(2) << " reset\n";
        }
        return report(status);
    }
    if ((noun == "contract" || noun == "user") && verb == "unblock") {
        const auto status = admin.unblock(noun == "user" ? Principal::User : Principal::Contract, arg(2));
        if (status) {
            std::cout << noun << ' ' << arg(2) << " unblocked\n";
        }
        return report(status);
    }
    if (noun == "user" && verb == "list") {
        std::cout << "userId\tcontract\trole\tstate\tuserName\temail\n";
        for (const auto& u : admin.users(option(a, "--contract"))) {
            std::cout << u.userId << '\t' << u.contractNumber << '\t' << protocol::wireName(u.role) << '\t'
                      << (u.disabled ? "disabled" : lockText(u.lock, clock.now())) << '\t' << u.userName << '\t'
                      << u.email << '\n';
        }
        return 0;
    }
    if (noun == "cert" && verb == "list") {
        std::cout << "serial\tuserId\tstatus\tnotBefore\tnotAfter\trevoked\n";
        for (const auto& c : admin.certificates(option(a, "--user"))) {
            std::cout << c.serial << '\t' << c.userId << '\t' << toString(c.status) << '\t' << time(c.notBefore)
                      << '\t' << time(c.notAfter) << '\t'
                      << (c.revokedAt ? time(*c.revokedAt) + " " + c.revocationReason : std::string("-")) << '\n';
        }
        return 0;
    }
    if (noun == "cert" && verb == "revoke") {
        const auto reason = option(a, "--reason");
        if (arg(2).empty() || !reason) {
            return fail("cert revoke needs SERIAL and --reason REASON");
        }
        const auto status = admin.revoke(arg(2), *reason);
        if (status) {
            std::cout << "certificate " << arg(2) << " revoked (" << *reason << ")\n";
        }
        return report(status);
    }
    if (noun == "audit" && verb == "verify") {
        std::vector<AuditAnchor> anchors;
        if (const auto file = option(a, "--anchors")) {
            std::ifstream in(*file, std::ios::binary);
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            anchors = parseAuditAnchors(text);
            if (!in.good() && !in.eof()) {
                return fail("cannot read " + *file);
            }
            if (anchors.empty()) {
                return fail("no audit anchor (\"audit anchor seq=… chain=…\") in " + *file);
            }
        }
        const auto report = admin.verifyAudit(anchors);
        for (const auto& problem : report.problems) {
            std::cerr << "audit chain broken: " << problem << '\n';
        }
        if (!report.problems.empty()) {
            return fail(std::to_string(report.problems.size()) + " problem(s) in the audit chain");
        }
        std::cout << "audit chain whole: " << report.chained << " row(s), head " << report.head.seq << ' '
                  << report.head.chain << '\n';
        if (report.unchained > 0) {
            std::cout << report.unchained << " older row(s) from before the chain (schema v4)\n";
        }
        if (!anchors.empty()) {
            const auto newest = std::max_element(anchors.begin(), anchors.end(),
                                                 [](const auto& x, const auto& y) { return x.seq < y.seq; });
            std::cout << anchors.size() << " anchor(s) match, the newest at row " << newest->seq << '\n';
        }
        return 0;
    }
    if (noun == "ca" && verb == "show") {
        for (const auto& line : describeConfiguredCas(config)) {
            std::cout << line << '\n';
        }
        return 0;
    }
    if (noun == "report") {
        std::optional<Instant> until = clock.now();
        if (const auto text = option(a, "--until")) {
            until = parseRfc3339(*text);
        }
        const auto since = until ? parseSince(option(a, "--since").value_or("24h"), *until) : std::nullopt;
        if (!until || !since || *since >= *until) {
            return fail("report: --since is 24h, 7d, 90m or an RFC 3339 time before --until (RFC 3339)");
        }
        const auto report = admin.report(*since, *until);
        const bool csv = std::find(a.flags.begin(), a.flags.end(), "--csv") != a.flags.end();
        std::cout << (csv ? reportCsv(report) : reportText(report));
        return 0;
    }
    if (noun == "audit" && verb == "list") {
        std::optional<Instant> since;
        if (const auto text = option(a, "--since")) {
            since = parseRfc3339(*text);
            if (!since) {
                return fail("--since must be RFC 3339, e.g. 2026-11-24T00:00:00+09:00");
            }
        }
        std::cout << "id\ttime\tevent\tsubject\tdetail\tremote\n";
        for (const auto& e : admin.audit(since)) {
            std::cout << e.id << '\t' << time(e.at) << '\t' << e.event << '\t' << e.subject << '\t' << e.detail << '\t'
                      << e.remote << '\n';
        }
        return 0;
    }
    std::cerr << kUsageText;
    return kUsage;
}

} // namespace

int main(int argc, char** argv)
{
    const auto arguments = parse(argc, argv);
    if (!arguments) {
        std::cerr << kUsageText;
        return kUsage;
    }
    try {
        if (arguments->dataDir.empty() && arguments->configFile.empty()) {
            return runCeremony(*arguments);
        }
        Poco::AutoPtr<Poco::Util::AbstractConfiguration> config;
        if (arguments->configFile.empty()) {
            config = new Poco::Util::MapConfiguration;
        } else {
            config = new Poco::Util::PropertyFileConfiguration(arguments->configFile);
        }
        const auto cfg = loadServerConfig(*config, arguments->dataDir, 0);
        if (arguments->words[0] == "backup" || arguments->words[0] == "restore") {
            return runBackup(*arguments, cfg);
        }
        if (cfg.dbUrl.starts_with("sqlite:") && !std::filesystem::exists(cfg.dbUrl.substr(7)) &&
            !std::filesystem::exists(cfg.dataDir)) {
            return fail("no data directory at " + cfg.dataDir.string());
        }
        std::filesystem::create_directories(cfg.dataDir);
        auto store = openStore(cfg.dbUrl);
        SystemClock clock;
        PasswordHasher hasher(0, std::chrono::milliseconds(60000), cfg.argon2Cost);
        AdminService admin(*store, clock, hasher, operatorIdentity(getuid(), std::getenv("SUDO_UID")));
        return run(*arguments, admin, clock, cfg);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}
