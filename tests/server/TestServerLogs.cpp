// The server's logs (docs/operations.md, "Logs"): a real server writing its own file (log.file)
// through a whole enrolment with bad input on every step — wrong passwords, a password typed into
// the ID field, a wrong code, a broken JSON body, a made-up bearer token — and a lock. Every line
// is logfmt; every request has one line with its id, route, status, duration and address, the
// user or contract when known, and the id it answered with; every security event has a line with
// the same id. No password, code, token or key appears in any line.
#include "ServerHarness.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll::test;

namespace {

// key=value pairs of one logfmt line ("" for a key it does not have)
QMap<QString, QString> pairs(const QString& line)
{
    QMap<QString, QString> out;
    static const QRegularExpression pair(QStringLiteral("([a-z_]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|[^ ]*)"));
    for (auto it = pair.globalMatch(line); it.hasNext();) {
        const auto m = it.next();
        auto value = m.captured(2);
        if (value.startsWith(QLatin1Char('"'))) {
            value = value.mid(1, value.size() - 2).replace(QStringLiteral("\\\""), QStringLiteral("\""));
        }
        out.insert(m.captured(1), value);
    }
    return out;
}

} // namespace

class TestServerLogs : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    QString logFile_;
    QStringList secrets_;

    [[nodiscard]] QStringList lines() const
    {
        QFile file(logFile_);
        file.open(QIODevice::ReadOnly);
        return (QString::fromUtf8(file.readAll()) + server_->log()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    // a secret used in the flow, to be looked for in every line at the end
    QString secret(const QString& value)
    {
        if (!value.isEmpty()) {
            secrets_ << value;
        }
        return value;
    }

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>();
        logFile_ = server_->scratch(QStringLiteral("enroll-server.log"));
        server_->setSetting(QStringLiteral("log.file"), logFile_);
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase() { server_->stop(); }

    void fullFlowWithBadInput_linesStructured_noSecret()
    {
        const QString contract = QStringLiteral("96000001");
        const QString initial = secret(QStringLiteral("Ab1!cd2#"));
        QVERIFY(server_->addContract(contract, initial));
        QCOMPARE(server_->contractLogin(contract, secret(QStringLiteral("Qz8?wrng"))).status, 401);
        const auto login = server_->contractLogin(contract, initial);
        const auto registration = secret(login.field(QStringLiteral("registrationToken")));
        QVERIFY(!registration.isEmpty());
        // a password that breaks the rules, then the right one
        QCOMPARE(server_->registerMaster(registration, QStringLiteral("logs0001"), secret(QStringLiteral("shortQ7")),
                                         QStringLiteral("logs@example.co.jp"))
                     .status,
                 400);
        const auto password = secret(QStringLiteral("Lg9#secretA"));
        QCOMPARE(server_->registerMaster(registration, QStringLiteral("logs0001"), password, QStringLiteral("logs@example.co.jp")).status,
                 201);
        // a wrong password, and a password typed into the ID field
        QCOMPARE(server_->authenticate(QStringLiteral("logs0001"), secret(QStringLiteral("Lg9#wrongB"))).status, 401);
        QCOMPARE(server_->authenticate(secret(QStringLiteral("Lg9#inIdC")), password).status, 400);
        const auto auth = server_->authenticate(QStringLiteral("logs0001"), password);
        QCOMPARE(auth.status, 200);
        const auto code = secret(server_->latestCode(QStringLiteral("logs@example.co.jp")));
        QVERIFY(!code.isEmpty());
        const auto wrongCode = code == QStringLiteral("918273") ? QStringLiteral("827364") : QStringLiteral("918273");
        QCOMPARE(server_->verify(auth.field(QStringLiteral("enrollmentId")), secret(wrongCode)).errorCode(), QStringLiteral("CODE_INVALID"));
        const auto verified = server_->verify(auth.field(QStringLiteral("enrollmentId")), code);
        const auto issuanceToken = secret(verified.field(QStringLiteral("issuanceToken")));
        QVERIFY(!issuanceToken.isEmpty());
        // a made-up bearer token, and a body cut off in the middle of a password
        CallOptions madeUp;
        madeUp.bearer = secret(QStringLiteral("tok-Made-Up-7f3e9a"));
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/issue"), {{QStringLiteral("csr"), QStringLiteral("x")}}, madeUp).status,
                 401);
        CallOptions broken;
        broken.rawBody = "{\"contractNumber\": \"96000001\", \"initialPassword\": \"" + secret(QStringLiteral("Br0ken!Json")).toUtf8();
        QCOMPARE(server_->post(QStringLiteral("/api/v1/contract/login"), {}, broken).status, 400);

        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("ec:P-256"));
        const auto issued = server_->issue(issuanceToken, key.csrPem);
        QCOMPARE(issued.status, 201);
        const auto serial = issued.field(QStringLiteral("serial"));
        QCOMPARE(server_->confirm(issuanceToken, serial).status, 204);
        // signed in: the profile read, then changed with a wrong and the right password
        CallOptions mtls;
        mtls.certFile = writeFile(dir_.filePath(QStringLiteral("logs.crt")), issued.field(QStringLiteral("certificate")).toLatin1());
        mtls.keyFile = key.keyFile;
        const auto me = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls);
        QCOMPARE(me.status, 200);
        const auto patched = server_->call(QStringLiteral("PATCH"), QStringLiteral("/api/v1/me"),
                                           {{QStringLiteral("userName"), QStringLiteral("ログ太郎")},
                                            {QStringLiteral("password"), secret(QStringLiteral("Lg9#patchD"))}},
                                           mtls);
        QVERIFY2(patched.status >= 400 && patched.status < 500, qPrintable(patched.errorCode()));
        // a lock: six wrong passwords on another contract
        QVERIFY(server_->addContract(QStringLiteral("96000002"), initial));
        HttpResult locking;
        for (int i = 0; i < 6; ++i) {
            locking = server_->contractLogin(QStringLiteral("96000002"), secret(QStringLiteral("Lk%1!wrng").arg(i)));
        }
        // the keys: the client's, the development CA's, the one-time code key
        for (const auto& file : {key.keyFile, server_->dataDir() + QStringLiteral("/ca/ca.key"), server_->dataDir() + QStringLiteral("/code.key")}) {
            QFile f(file);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            for (const auto& line : QString::fromLatin1(f.readAll()).split(QLatin1Char('\n'))) {
                if (line.size() >= 24 && !line.startsWith(QStringLiteral("-----"))) {
                    secrets_ << line.left(24);
                }
            }
        }
        QVERIFY(secrets_.size() > 20);

        const auto all = lines();
        QVERIFY(all.size() > 30);
        for (const auto& line : all) {
            for (const auto& s : std::as_const(secrets_)) {
                QVERIFY2(!line.contains(s), qPrintable(QStringLiteral("a secret in the log: ") + line));
            }
            if (line.startsWith(QStringLiteral("# "))) {
                continue; // the comment Poco's file channel writes when it opens or rotates a file
            }
            // logfmt, every line
            const auto p = pairs(line);
            QVERIFY2(!p.value(QStringLiteral("time")).isEmpty() && !p.value(QStringLiteral("level")).isEmpty() &&
                         !p.value(QStringLiteral("logger")).isEmpty() && p.contains(QStringLiteral("msg")),
                     qPrintable(line));
        }

        // one line per request: its id (the one answered with), route, status, duration, address, and who
        const auto requestLine = [&all](const QString& id) {
            for (const auto& line : all) {
                const auto p = pairs(line);
                if (p.value(QStringLiteral("msg")) == QStringLiteral("request") && p.value(QStringLiteral("request_id")) == id) {
                    return p;
                }
            }
            return QMap<QString, QString>();
        };
        const auto meLine = requestLine(me.header(QStringLiteral("X-Request-Id")));
        QCOMPARE(meLine.value(QStringLiteral("route")), QStringLiteral("GET /api/v1/me"));
        QCOMPARE(meLine.value(QStringLiteral("status")), QStringLiteral("200"));
        QCOMPARE(meLine.value(QStringLiteral("remote")), QStringLiteral("127.0.0.1"));
        QCOMPARE(meLine.value(QStringLiteral("user")), QStringLiteral("logs0001"));
        QCOMPARE(meLine.value(QStringLiteral("contract")), contract);
        QVERIFY(!meLine.value(QStringLiteral("duration_ms")).isEmpty());
        const auto lockId = locking.header(QStringLiteral("X-Request-Id"));
        QVERIFY(!lockId.isEmpty());
        const auto lockLine = requestLine(lockId);
        QCOMPARE(lockLine.value(QStringLiteral("status")), QStringLiteral("423")); // the sixth: locked now
        QCOMPARE(lockLine.value(QStringLiteral("contract")), QStringLiteral("96000002"));
        // the security events of that request, under the same id
        QStringList events;
        for (const auto& line : all) {
            const auto p = pairs(line);
            if (p.value(QStringLiteral("msg")) == QStringLiteral("security event") && p.value(QStringLiteral("request_id")) == lockId) {
                events << p.value(QStringLiteral("event"));
                QCOMPARE(p.value(QStringLiteral("subject")), QStringLiteral("96000002"));
            }
        }
        QVERIFY2(events.contains(QStringLiteral("contract.login.failure")) && events.contains(QStringLiteral("contract.locked")),
                 qPrintable(events.join(QLatin1Char(','))));
        // request ids differ from request to request
        QVERIFY(lockId != me.header(QStringLiteral("X-Request-Id")));
    }

    // nothing a client sends can start a line of its own or forge a field
    void forgedLines_stayInTheirField()
    {
        CallOptions forged;
        forged.requestTarget = QStringLiteral("/x%0A%20level=error%20msg=forged");
        (void)server_->call(QStringLiteral("GET"), QStringLiteral("/x"), {}, forged);
        (void)server_->call(QStringLiteral("GET"), QStringLiteral("/a\"b=c"));
        int seen = 0;
        for (const auto& line : lines()) {
            const auto p = pairs(line);
            QVERIFY2(line.startsWith(QStringLiteral("# ")) || (line.startsWith(QStringLiteral("time=")) && p.value(QStringLiteral("msg")) != QStringLiteral("forged")),
                     qPrintable(line));
            seen += p.value(QStringLiteral("path")).contains(QStringLiteral("msg=forged")) ? 1 : 0;
        }
        QCOMPARE(seen, 1); // the whole target, in its own field

    }
};

QTEST_MAIN(TestServerLogs)
#include "TestServerLogs.moc"
