#include "ServerHarness.h"

#include "Outbox.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>
#include <QUuid>

#include <csignal>
#include <cstdlib>

namespace enroll::test {

QString HttpResult::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString HttpResult::fieldErrors() const
{
    QStringList parts;
    const auto fields = json.value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toArray();
    for (const auto& f : fields) {
        parts << f.toObject().value(QStringLiteral("field")).toString() + QLatin1Char(':') +
                     f.toObject().value(QStringLiteral("rule")).toString();
    }
    return parts.join(QLatin1Char(','));
}

ProcessResult runTool(const QString& program, const QStringList& arguments, const QByteArray& input, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        return {-1, {}, ("cannot start " + program).toUtf8()};
    }
    if (!input.isEmpty()) {
        process.write(input);
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAllStandardOutput(), "timed out"};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

int freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(content);
    return path;
}

std::vector<QJsonObject> codeGuesses(const QString& enrollmentId, const QString& rightCode, int count)
{
    std::vector<QJsonObject> guesses;
    for (int i = 0; static_cast<int>(guesses.size()) < count - 1; ++i) {
        const auto guess = QString::number(100000 + i * 7919);
        if (guess != rightCode) {
            guesses.push_back({{QStringLiteral("enrollmentId"), enrollmentId}, {QStringLiteral("code"), guess}});
        }
    }
    guesses.push_back({{QStringLiteral("enrollmentId"), enrollmentId}, {QStringLiteral("code"), rightCode}});
    return guesses;
}

ClientKey makeKeyAndCsr(const QString& directory, const QString& keySpec, const QString& subject)
{
    const auto stem = directory + QStringLiteral("/key-") + QUuid::createUuid().toString(QUuid::Id128);
    ClientKey key{stem + QStringLiteral(".pem"), {}};
    QStringList args{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
                     subject, QStringLiteral("-keyout"), key.keyFile, QStringLiteral("-out"), stem + QStringLiteral(".csr")};
    if (keySpec.startsWith(QStringLiteral("ec"))) {
        args << QStringLiteral("-newkey") << QStringLiteral("ec") << QStringLiteral("-pkeyopt")
             << (keySpec == QStringLiteral("ec384") ? QStringLiteral("ec_paramgen_curve:P-384")
                                                    : QStringLiteral("ec_paramgen_curve:P-256"));
    } else {
        args << QStringLiteral("-newkey") << keySpec;
    }
    runTool(QStringLiteral("openssl"), args);
    QFile csr(stem + QStringLiteral(".csr"));
    csr.open(QIODevice::ReadOnly);
    key.csrPem = QString::fromLatin1(csr.readAll());
    return key;
}

QString certificateText(const QString& pemFile)
{
    return QString::fromUtf8(
        runTool(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), pemFile,
                                            QStringLiteral("-noout"), QStringLiteral("-text"), QStringLiteral("-nameopt"),
                                            QStringLiteral("RFC2253")})
            .out);
}

QString HttpResult::header(const QString& name) const
{
    const QRegularExpression line(QStringLiteral("^%1:\\s*(.*?)\\r?$").arg(QRegularExpression::escape(name)),
                                  QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    const auto match = line.match(QString::fromLatin1(headers));
    return match.hasMatch() ? match.captured(1) : QString();
}

ServerProcess::ServerProcess(QMap<QString, QString> settings) : settings_(std::move(settings))
{
    // The tests of other rules fire many checks and connections from 127.0.0.1 at once; the
    // per-address limits and the Argon2id wait are tested with their defaults in TestServerLimits.
    const QMap<QString, QString> outOfTheWay{{QStringLiteral("throttle.checks"), QStringLiteral("1000000")},
                                             {QStringLiteral("server.maxConnectionsPerAddress"), QStringLiteral("1000")},
                                             {QStringLiteral("argon2.maxWaitMs"), QStringLiteral("60000")},
                                             // generated keys where a test configures none (production mode is
                                             // tested by setting server.mode itself)
                                             {QStringLiteral("server.mode"), QStringLiteral("development")}};
    for (auto it = outOfTheWay.begin(); it != outOfTheWay.end(); ++it) {
        if (!settings_.contains(it.key())) {
            settings_.insert(it.key(), it.value());
        }
    }
}

ServerProcess::~ServerProcess()
{
    if (process_ && process_->state() != QProcess::NotRunning) {
        stop();
    }
}

QMap<QString, QString> ServerProcess::samePki() const
{
    const auto ca = dataDir() + QStringLiteral("/ca/");
    return {{QStringLiteral("ca.cert"), ca + QStringLiteral("ca.crt")},
            {QStringLiteral("ca.key"), ca + QStringLiteral("ca.key")},
            {QStringLiteral("ca.chain"), ca + QStringLiteral("root.crt")},
            {QStringLiteral("tls.cert"), ca + QStringLiteral("tls.crt")},
            {QStringLiteral("tls.key"), ca + QStringLiteral("tls.key")},
            {QStringLiteral("tls.chain"), ca + QStringLiteral("tls-ca.crt")}};
}

QString ServerProcess::url(const QString& path) const
{
    return QStringLiteral("https://localhost:%1%2").arg(frontPort_ != 0 ? frontPort_ : port_).arg(path);
}

bool ServerProcess::start()
{
    return launch() && waitForHealth();
}

bool ServerProcess::launch()
{
    if (port_ == 0) {
        port_ = freeLoopbackPort();
    }
    if (revocationPort_ == 0 && !settings_.contains(QStringLiteral("server.revocationPort"))) {
        revocationPort_ = freeLoopbackPort(); // not the port after port_: that one may be taken
        settings_.insert(QStringLiteral("server.revocationPort"), QString::number(revocationPort_));
    }
    QByteArray properties = "server.address = 127.0.0.1\nserver.dataDir = " + dataDir().toUtf8() + "\n";
    for (auto it = settings_.begin(); it != settings_.end(); ++it) {
        properties += (it.key() + QStringLiteral(" = ") + it.value() + QLatin1Char('\n')).toUtf8();
    }
    writeFile(dir_.filePath(QStringLiteral("server.properties")), properties);
    process_ = std::make_unique<QProcess>();
    process_->setProcessChannelMode(QProcess::MergedChannels);
    process_->setStandardOutputFile(dir_.filePath(QStringLiteral("server.log")), QIODevice::Append);
    // the test clock exists only in the test build's program (CMake ENROLL_TEST_HOOKS)
    const QString program = settings_.contains(QStringLiteral("test.clockFile")) && !QStringLiteral(ENROLL_SERVER_TEST_BIN).isEmpty()
                                ? QStringLiteral(ENROLL_SERVER_TEST_BIN)
                                : QStringLiteral(ENROLL_SERVER_BIN);
    process_->start(program,
                    {QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--config"),
                     dir_.filePath(QStringLiteral("server.properties")), QStringLiteral("--port"), QString::number(port_)});
    return process_->waitForStarted(10000);
}

qint64 ServerProcess::pid() const
{
    return process_ && process_->state() != QProcess::NotRunning ? process_->processId() : 0;
}

bool ServerProcess::waitForHealth()
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        if (QFile::exists(chain()) && call(QStringLiteral("GET"), QStringLiteral("/healthz")).status == 200) {
            return true;
        }
        // also lets QProcess notice an exit (there is no event loop here)
        if (process_->waitForFinished(100) || process_->state() == QProcess::NotRunning) {
            return false;
        }
    }
    return false;
}

void ServerProcess::stop()
{
    if (!process_) {
        return;
    }
    process_->terminate();
    if (!process_->waitForFinished(20000)) {
        process_->kill();
        process_->waitForFinished();
    }
}

void ServerProcess::kill()
{
    if (process_) {
        ::kill(static_cast<pid_t>(process_->processId()), SIGKILL);
        process_->waitForFinished(10000);
    }
}

int ServerProcess::exitCode() const
{
    return process_ && process_->exitStatus() == QProcess::NormalExit ? process_->exitCode() : -1;
}

QString ServerProcess::log() const
{
    QFile file(dir_.filePath(QStringLiteral("server.log")));
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

namespace {

QStringList curlArguments(const QString& method, const QString& url, const QString& chain, const QString& output,
                          const CallOptions& options)
{
    QStringList args{QStringLiteral("-sS"), QStringLiteral("--max-time"), QStringLiteral("60"), QStringLiteral("--cacert"),
                     chain, QStringLiteral("-X"), method, QStringLiteral("-o"), output, QStringLiteral("-D"),
                     output + QStringLiteral(".headers"), QStringLiteral("-w"), QStringLiteral("%{http_code}")};
    if (method != QStringLiteral("GET")) {
        args << QStringLiteral("-H") << QStringLiteral("Content-Type: application/json") << QStringLiteral("--data-binary")
             << QStringLiteral("@-");
    }
    if (!options.bearer.isEmpty()) {
        args << QStringLiteral("-H") << QStringLiteral("Authorization: Bearer ") + options.bearer;
    }
    if (!options.certFile.isEmpty()) {
        args << QStringLiteral("--cert") << options.certFile << QStringLiteral("--key") << options.keyFile;
    }
    if (!options.language.isEmpty()) {
        args << QStringLiteral("-H") << QStringLiteral("Accept-Language: ") + options.language;
    }
    if (!options.sourceAddress.isEmpty()) {
        args << QStringLiteral("--interface") << options.sourceAddress;
    }
    for (const auto& header : options.extraHeaders) {
        args << QStringLiteral("-H") << header;
    }
    if (!options.tlsMax.isEmpty()) {
        args << QStringLiteral("--tls-max") << options.tlsMax << QStringLiteral("--tlsv1.0");
    }
    if (!options.requestTarget.isEmpty()) {
        args << QStringLiteral("--request-target") << options.requestTarget;
    }
    args << url;
    return args;
}

QByteArray payload(const QJsonObject& body, const CallOptions& options)
{
    return options.rawBody.isNull() ? QJsonDocument(body).toJson(QJsonDocument::Compact) : options.rawBody;
}

HttpResult resultOf(const QByteArray& statusText, const QString& output, const QByteArray& err)
{
    HttpResult result;
    result.status = statusText.trimmed().toInt();
    QFile file(output);
    if (file.open(QIODevice::ReadOnly)) {
        result.body = file.readAll();
    }
    file.remove();
    QFile headers(output + QStringLiteral(".headers"));
    if (headers.open(QIODevice::ReadOnly)) {
        result.headers = headers.readAll();
    }
    headers.remove();
    result.json = QJsonDocument::fromJson(result.body).object();
    if (result.status == 0) {
        result.curlError = QString::fromUtf8(err);
    }
    return result;
}

} // namespace

HttpResult ServerProcess::call(const QString& method, const QString& path, const QJsonObject& body,
                               const CallOptions& options) const
{
    const auto output = dir_.filePath(QStringLiteral("response-") + QUuid::createUuid().toString(QUuid::Id128));
    const auto run = runTool(QStringLiteral("curl"), curlArguments(method, url(path), chain(), output, options),
                             method == QStringLiteral("GET") ? QByteArray() : payload(body, options));
    return resultOf(run.out, output, run.err);
}

std::unique_ptr<ServerProcess::Batch> ServerProcess::start(const QString& method, const QString& path,
                                                           const std::vector<QJsonObject>& bodies,
                                                           const std::vector<CallOptions>& options) const
{
    auto batch = std::make_unique<Batch>();
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        const auto opts = i < options.size() ? options[i] : CallOptions{};
        batch->outputs_.push_back(dir_.filePath(QStringLiteral("response-") + QUuid::createUuid().toString(QUuid::Id128)));
        auto process = std::make_unique<QProcess>();
        process->start(QStringLiteral("curl"),
                       curlArguments(method, url(opts.path.isEmpty() ? path : opts.path), chain(), batch->outputs_.back(), opts));
        batch->processes_.push_back(std::move(process));
    }
    for (std::size_t i = 0; i < batch->processes_.size(); ++i) {
        batch->processes_[i]->waitForStarted();
        batch->processes_[i]->write(payload(bodies[i], i < options.size() ? options[i] : CallOptions{}));
        batch->processes_[i]->closeWriteChannel();
    }
    return batch;
}

int ServerProcess::Batch::finished() const
{
    return static_cast<int>(std::count_if(processes_.begin(), processes_.end(),
                                          [](const auto& p) { return p->state() == QProcess::NotRunning; }));
}

int ServerProcess::Batch::answered(int status) const
{
    int count = 0;
    for (const auto& p : processes_) {
        p->waitForFinished(0);
        if (p->state() == QProcess::NotRunning && p->exitCode() == 0) {
            // curl printed the status with -w; peek without consuming
            count += p->peek(16).trimmed().toInt() == status ? 1 : 0;
        }
    }
    return count;
}

std::vector<HttpResult> ServerProcess::Batch::collect()
{
    std::vector<HttpResult> results;
    for (std::size_t i = 0; i < processes_.size(); ++i) {
        processes_[i]->waitForFinished(120000);
        results.push_back(resultOf(processes_[i]->readAllStandardOutput(), outputs_[i], processes_[i]->readAllStandardError()));
    }
    return results;
}

std::vector<HttpResult> ServerProcess::concurrent(const QString& method, const QString& path,
                                                  const std::vector<QJsonObject>& bodies,
                                                  const std::vector<CallOptions>& options) const
{
    return start(method, path, bodies, options)->collect();
}

ProcessResult ServerProcess::admin(const QStringList& arguments, const QByteArray& input) const
{
    // the server's own configuration file: the same database, whatever db.url says
    return runTool(QStringLiteral(ENROLL_ADMIN_BIN),
                   QStringList{QStringLiteral("--config"), dir_.filePath(QStringLiteral("server.properties"))} + arguments,
                   input);
}

int ServerProcess::auditCount(const QString& event, const QString& subject, const QString& detail) const
{
    int count = 0;
    const auto lines = QString::fromUtf8(admin({QStringLiteral("audit"), QStringLiteral("list")}).out).split(QLatin1Char('\n'));
    for (const auto& line : lines) {
        const auto f = line.split(QLatin1Char('\t')); // id, time, event, subject, detail, remote
        if (f.size() >= 5 && f[2] == event && f[3] == subject && (detail.isEmpty() || f[4].contains(detail))) {
            ++count;
        }
    }
    return count;
}

bool ServerProcess::addContract(const QString& number, const QString& password, const QString& employer) const
{
    return admin({QStringLiteral("contract"), QStringLiteral("add"), QStringLiteral("--number"), number,
                  QStringLiteral("--employer"), employer, QStringLiteral("--initial-password-stdin")},
                 password.toUtf8() + "\n")
               .exitCode == 0;
}

HttpResult ServerProcess::contractLogin(const QString& number, const QString& password) const
{
    return post(QStringLiteral("/api/v1/contract/login"),
                {{QStringLiteral("contractNumber"), number}, {QStringLiteral("initialPassword"), password}});
}

HttpResult ServerProcess::registerMaster(const QString& token, const QString& userId, const QString& password,
                                         const QString& email) const
{
    CallOptions options;
    options.bearer = token;
    return post(QStringLiteral("/api/v1/master/register"),
                {{QStringLiteral("userId"), userId},
                 {QStringLiteral("password"), password},
                 {QStringLiteral("userName"), QStringLiteral("労金　太郎")},
                 {QStringLiteral("email"), email}},
                options);
}

HttpResult ServerProcess::authenticate(const QString& userId, const QString& password) const
{
    return post(QStringLiteral("/api/v1/enrollment/authenticate"),
                {{QStringLiteral("userId"), userId}, {QStringLiteral("password"), password}});
}

HttpResult ServerProcess::verify(const QString& enrollmentId, const QString& code) const
{
    return post(QStringLiteral("/api/v1/enrollment/verify"),
                {{QStringLiteral("enrollmentId"), enrollmentId}, {QStringLiteral("code"), code}});
}

HttpResult ServerProcess::issue(const QString& issuanceToken, const QString& csrPem) const
{
    CallOptions options;
    options.bearer = issuanceToken;
    return post(QStringLiteral("/api/v1/enrollment/issue"), {{QStringLiteral("csr"), csrPem}}, options);
}

HttpResult ServerProcess::confirm(const QString& issuanceToken, const QString& serial) const
{
    CallOptions options;
    options.bearer = issuanceToken;
    return post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), serial}}, options);
}

QString ServerProcess::latestMail(const QString& kind, const QString& to) const
{
    return Outbox(outboxDir()).latest(kind, to);
}

int ServerProcess::mailCount(const QString& kind, const QString& to) const
{
    return Outbox(outboxDir()).count(kind, to);
}

QString ServerProcess::latestCode(const QString& to) const
{
    return Outbox(outboxDir()).latestCode(to);
}

bool ServerProcess::registeredMaster(const QString& contract, const QString& userId, const QString& password,
                                     const QString& email) const
{
    const QString initial = QStringLiteral("Ab1!cd2#");
    if (!addContract(contract, initial)) {
        return false;
    }
    const auto login = contractLogin(contract, initial);
    return login.status == 200 &&
           registerMaster(login.field(QStringLiteral("registrationToken")), userId, password, email).status == 201;
}

QString ServerProcess::issuanceToken(const QString& userId, const QString& password, const QString& email) const
{
    const auto auth = authenticate(userId, password);
    if (auth.status != 200) {
        return {};
    }
    const auto verified = verify(auth.field(QStringLiteral("enrollmentId")), latestCode(email));
    return verified.field(QStringLiteral("issuanceToken"));
}

ServerProcess::Enrolled ServerProcess::enroll(const QString& contract, const QString& userId, const QString& password,
                                              const QString& email) const
{
    if (!registeredMaster(contract, userId, password, email)) {
        return {};
    }
    const auto token = issuanceToken(userId, password, email);
    const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("rsa:2048"));
    const auto issued = issue(token, key.csrPem);
    if (issued.status != 201) {
        return {};
    }
    const auto serial = issued.field(QStringLiteral("serial"));
    const auto certFile = writeFile(dir_.filePath(serial + QStringLiteral(".crt")),
                                    issued.field(QStringLiteral("certificate")).toLatin1());
    if (confirm(token, serial).status != 204) {
        return {};
    }
    return {serial, certFile, key.keyFile};
}

ProcessResult caCeremony(const QStringList& arguments)
{
    return runTool(QStringLiteral(ENROLL_ADMIN_BIN), QStringList{QStringLiteral("ca")} + arguments);
}

ForeignCertificate makeForeignClientCertificate(const QString& directory, const QString& commonName, int days)
{
    QDir().mkpath(directory);
    const auto file = [&directory](const char* name) { return directory + QLatin1Char('/') + QLatin1String(name); };
    writeFile(file("ext.cnf"), "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
    const QList<QStringList> steps{
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
         QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-subj"), QStringLiteral("/CN=Other Bank CA"), QStringLiteral("-addext"),
         QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-keyout"), file("ca.key"), QStringLiteral("-out"), file("ca.pem")},
        {QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-subj"),
         QStringLiteral("/CN=") + commonName, QStringLiteral("-keyout"), file("leaf.key"), QStringLiteral("-out"), file("leaf.csr")},
        {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), file("leaf.csr"), QStringLiteral("-CA"), file("ca.pem"),
         QStringLiteral("-CAkey"), file("ca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QString::number(days),
         QStringLiteral("-extfile"), file("ext.cnf"), QStringLiteral("-out"), file("leaf.pem")},
        {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"), file("leaf.pem"), QStringLiteral("-inkey"), file("leaf.key"),
         QStringLiteral("-certpbe"), QStringLiteral("PBE-SHA1-3DES"), QStringLiteral("-keypbe"), QStringLiteral("PBE-SHA1-3DES"),
         QStringLiteral("-macalg"), QStringLiteral("sha1"), QStringLiteral("-passout"), QStringLiteral("pass:other1"), QStringLiteral("-out"),
         file("leaf.p12")}};
    for (const auto& step : steps) {
        if (const auto run = runTool(QStringLiteral("openssl"), step); run.exitCode != 0) {
            qWarning("openssl %s: %s", qPrintable(step.front()), run.err.constData());
            return {};
        }
    }
    return {file("leaf.pem"), file("leaf.key"), file("leaf.p12")};
}

bool NginxFront::start(const ServerProcess& certificates, const QStringList& upstreams)
{
    port_ = freeLoopbackPort();
    const auto ca = certificates.dataDir() + QStringLiteral("/ca/");
    QStringList args{QStringLiteral("start"), dir_, QString::number(port_), ca + QStringLiteral("tls.crt"),
                     ca + QStringLiteral("tls.key"), certificates.clientCa()};
    args << upstreams;
    const auto run = runTool(QStringLiteral(ENROLL_FIXTURES_DIR "/nginx-front.sh"), args);
    if (run.exitCode != 0) {
        qWarning("%s", run.err.constData());
    }
    return run.exitCode == 0;
}

void NginxFront::stop()
{
    runTool(QStringLiteral(ENROLL_FIXTURES_DIR "/nginx-front.sh"), {QStringLiteral("stop"), dir_});
}

QString NginxFront::plainUrl(const QString& path) const
{
    QFile file(dir_ + QStringLiteral("/plain.port"));
    return file.open(QIODevice::ReadOnly) ? QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(file.readAll().trimmed()) + path
                                          : QString();
}

bool SquidProxy::start(Mode mode, int bankPort)
{
    stop();
    // squid runs as the user "proxy": a folder of its own it can reach, outside the test's 0700 ones
    auto base = QDir::tempPath().toLocal8Bit() + "/rokin-squid-XXXXXX";
    if (mkdtemp(base.data()) == nullptr) {
        return false;
    }
    QFile::setPermissions(QString::fromLocal8Bit(base), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                                            QFileDevice::ReadOther | QFileDevice::ExeOther |
                                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup);
    dir_ = QString::fromLocal8Bit(base) + QStringLiteral("/squid");
    port_ = freeLoopbackPort();
    const char* modes[] = {"open", "basic", "bump"};
    const auto run = runTool(QStringLiteral(ENROLL_FIXTURES_DIR "/squid-proxy.sh"),
                             {QStringLiteral("start"), dir_, QString::number(port_), QString::number(bankPort),
                              QString::fromLatin1(modes[static_cast<int>(mode)])});
    if (run.exitCode != 0) {
        qWarning("squid: %s", run.err.constData());
    }
    return run.exitCode == 0;
}

void SquidProxy::stop()
{
    if (dir_.isEmpty()) {
        return;
    }
    runTool(QStringLiteral(ENROLL_FIXTURES_DIR "/squid-proxy.sh"), {QStringLiteral("stop"), dir_});
    QDir(QFileInfo(dir_).path()).removeRecursively();
    dir_.clear();
}

QString SquidProxy::accessLog() const
{
    QFile file(dir_ + QStringLiteral("/access.log"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace enroll::test
