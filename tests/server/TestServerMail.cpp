// The SMTP transport against a real SMTP server on loopback (Debian's python3-aiosmtpd):
// plain, STARTTLS with AUTH, implicit TLS with AUTH, and the server being down
// (MAIL_UNAVAILABLE, nothing consumed). Also the outbox's RFC 5322 form.
#include "ServerHarness.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QThread>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

class SmtpSink
{
public:
    SmtpSink(const QString& directory, const QString& mode, const QString& cert, const QString& key, int port,
             const QString& fault = {})
        : directory_(directory), mode_(mode), cert_(cert), key_(key), port_(port), fault_(fault)
    {
        QDir().mkpath(directory_);
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    bool start()
    {
        QStringList args{QStringLiteral(ENROLL_FIXTURES_DIR "/smtp_sink.py"), QStringLiteral("--port"), QString::number(port_),
                         QStringLiteral("--dir"), directory_, QStringLiteral("--mode"), mode_};
        if (mode_ != QStringLiteral("plain")) {
            args << QStringLiteral("--cert") << cert_ << QStringLiteral("--key") << key_ << QStringLiteral("--auth")
                 << QStringLiteral("mailer:s3cret-pass");
        }
        if (!fault_.isEmpty()) {
            args << QStringLiteral("--fault") << fault_;
        }
        process_.start(QStringLiteral("/usr/bin/python3"), args);
        if (!process_.waitForStarted(10000) || !process_.waitForReadyRead(20000)) {
            return false;
        }
        return process_.readAllStandardOutput().contains("ready");
    }
    void stop()
    {
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            process_.waitForFinished(10000);
        }
    }
    [[nodiscard]] QStringList messages() const
    {
        QStringList out;
        QDir dir(directory_);
        for (const auto& name : dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::ReadOnly);
            out << QString::fromUtf8(f.readAll());
        }
        return out;
    }

private:
    QString directory_;
    QString mode_;
    QString cert_;
    QString key_;
    int port_;
    QString fault_;
    QProcess process_;
};

QString decodedCode(const QString& message)
{
    // quoted-printable keeps ASCII digits; the code follows the encoded "認証コード: "
    static const QRegularExpression code(QStringLiteral("=E3=82=B3=E3=83=BC=E3=83=89: (\\d{6})"));
    return code.match(QString(message).remove(QStringLiteral("=\r\n"))).captured(1);
}

} // namespace

class TestServerMail : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    QString cert_;
    QString key_;

    QString otherCert_;
    QString otherKey_;

    // mode "default" leaves smtp.tls out (STARTTLS then)
    std::unique_ptr<ServerProcess> serverFor(const QString& mode, int smtpPort)
    {
        QMap<QString, QString> settings{{QStringLiteral("mail.transport"), QStringLiteral("smtp")},
                                        {QStringLiteral("smtp.host"), QStringLiteral("localhost")},
                                        {QStringLiteral("smtp.port"), QString::number(smtpPort)},
                                        {QStringLiteral("smtp.timeoutSeconds"), QStringLiteral("5")},
                                        {QStringLiteral("mail.from"), QStringLiteral("noreply@rokin.example")},
                                        {QStringLiteral("code.resendIntervalSeconds"), QStringLiteral("1")},
                                        {QStringLiteral("code.maxResends"), QStringLiteral("1")}};
        if (mode != QStringLiteral("default")) {
            settings.insert(QStringLiteral("smtp.tls"), mode == QStringLiteral("plain") ? QStringLiteral("none") : mode);
        }
        if (mode != QStringLiteral("plain")) {
            settings.insert(QStringLiteral("smtp.user"), QStringLiteral("mailer"));
            settings.insert(QStringLiteral("smtp.passwordFile"),
                            writeFile(dir_.filePath(QStringLiteral("smtp.pass")), "s3cret-pass\n"));
            settings.insert(QStringLiteral("smtp.caFile"), cert_);
        }
        auto server = std::make_unique<ServerProcess>(settings);
        return server->start() ? std::move(server) : nullptr;
    }

private slots:
    void initTestCase()
    {
        cert_ = dir_.filePath(QStringLiteral("smtp.crt"));
        key_ = dir_.filePath(QStringLiteral("smtp.key"));
        const auto made = runTool(QStringLiteral("openssl"),
                                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                   QStringLiteral("-nodes"), QStringLiteral("-keyout"), key_, QStringLiteral("-out"), cert_,
                                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
        QCOMPARE(made.exitCode, 0);
        // a certificate the same CA file vouches for, but for another host's name
        otherCert_ = dir_.filePath(QStringLiteral("other.crt"));
        otherKey_ = dir_.filePath(QStringLiteral("other.key"));
        QCOMPARE(runTool(QStringLiteral("openssl"),
                         {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                          QStringLiteral("-nodes"), QStringLiteral("-keyout"), otherKey_, QStringLiteral("-out"), otherCert_,
                          QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=mail.other.example"),
                          QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:mail.other.example")})
                     .exitCode,
                 0);
    }

    void smtp_deliversTheCode_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("tls");
        QTest::newRow("plain") << "plain" << false;
        QTest::newRow("starttls with AUTH") << "starttls" << true;
        QTest::newRow("implicit TLS with AUTH") << "tls" << true;
        QTest::newRow("smtp.tls left out: STARTTLS") << "default" << true;
    }
    void smtp_deliversTheCode()
    {
        QFETCH(QString, mode);
        QFETCH(bool, tls);
        const int port = freeLoopbackPort();
        SmtpSink sink(dir_.filePath(QStringLiteral("sink-") + mode), mode == QStringLiteral("default") ? QStringLiteral("starttls") : mode,
                      cert_, key_, port);
        QVERIFY(sink.start());
        auto server = serverFor(mode, port);
        QVERIFY(server);
        QVERIFY(server->registeredMaster(QStringLiteral("50000001"), QStringLiteral("mailer01"), kPassword,
                                         QStringLiteral("mail@example.co.jp")));
        const auto auth = server->authenticate(QStringLiteral("mailer01"), kPassword);
        QCOMPARE(auth.status, 200);
        const auto messages = sink.messages();
        QCOMPARE(messages.size(), 2); // registration complete, then the code
        const auto& codeMail = messages.last();
        QVERIFY(codeMail.contains(tls ? QStringLiteral("X-Sink-Tls: yes") : QStringLiteral("X-Sink-Tls: no")));
        if (tls) {
            QVERIFY(codeMail.contains(QStringLiteral("X-Sink-Auth: yes")));
        }
        QVERIFY(codeMail.contains(QStringLiteral("Subject: =?UTF-8?")));
        QVERIFY(codeMail.contains(QStringLiteral("Content-Type: text/plain; charset=UTF-8")));
        QVERIFY(codeMail.contains(QStringLiteral("X-Rokin-Mail: code")));
        QVERIFY(!codeMail.contains(kPassword));
        const auto code = decodedCode(codeMail);
        QCOMPARE(code.size(), 6);
        QCOMPARE(server->verify(auth.field(QStringLiteral("enrollmentId")), code).status, 200);
        server->stop();
        QVERIFY(!server->log().contains(QStringLiteral("s3cret-pass")));
    }

    // The SMTP server's certificate is for another name (trusted chain all the same): nothing is
    // sent, neither the password nor the mail, and the code step answers MAIL_UNAVAILABLE.
    void smtpWithAnotherHostsCertificate_isRefused_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("starttls") << "starttls";
        QTest::newRow("implicit TLS") << "tls";
    }
    void smtpWithAnotherHostsCertificate_isRefused()
    {
        QFETCH(QString, mode);
        const int port = freeLoopbackPort();
        SmtpSink sink(dir_.filePath(QStringLiteral("sink-other-") + mode), mode, otherCert_, otherKey_, port);
        QVERIFY(sink.start());
        QMap<QString, QString> settings{{QStringLiteral("mail.transport"), QStringLiteral("smtp")},
                                        {QStringLiteral("smtp.host"), QStringLiteral("localhost")},
                                        {QStringLiteral("smtp.port"), QString::number(port)},
                                        {QStringLiteral("smtp.tls"), mode},
                                        {QStringLiteral("smtp.timeoutSeconds"), QStringLiteral("5")},
                                        {QStringLiteral("smtp.user"), QStringLiteral("mailer")},
                                        {QStringLiteral("smtp.passwordFile"),
                                         writeFile(dir_.filePath(QStringLiteral("smtp-other.pass")), "s3cret-pass\n")},
                                        {QStringLiteral("smtp.caFile"), otherCert_}};
        ServerProcess server(settings);
        QVERIFY(server.start());
        const auto n = mode == QStringLiteral("tls") ? QStringLiteral("1") : QStringLiteral("2");
        QVERIFY(server.registeredMaster(QStringLiteral("5000004") + n, QStringLiteral("othern0") + n, kPassword,
                                        QStringLiteral("other@example.co.jp")));
        const auto auth = server.authenticate(QStringLiteral("othern0") + n, kPassword);
        QCOMPARE(auth.errorCode(), QStringLiteral("MAIL_UNAVAILABLE"));
        QVERIFY(sink.messages().isEmpty());
        server.stop();
        QVERIFY2(server.log().contains(QStringLiteral("SMTP delivery to localhost failed")), qPrintable(server.log()));
    }

    // AUTH in clear is a configuration the server does not start with.
    void smtpUserWithoutTls_refusesToStart()
    {
        ServerProcess server(QMap<QString, QString>{{QStringLiteral("mail.transport"), QStringLiteral("smtp")},
                                                    {QStringLiteral("smtp.tls"), QStringLiteral("none")},
                                                    {QStringLiteral("smtp.user"), QStringLiteral("mailer")}});
        QVERIFY(!server.start());
        QVERIFY2(server.log().contains(QStringLiteral("smtp.user needs smtp.tls=starttls or tls")), qPrintable(server.log()));
    }

    void smtpDown_answersMailUnavailableAndConsumesNothing()
    {
        const int port = freeLoopbackPort();
        SmtpSink sink(dir_.filePath(QStringLiteral("sink-down")), QStringLiteral("plain"), cert_, key_, port);
        QVERIFY(sink.start());
        auto server = serverFor(QStringLiteral("plain"), port);
        QVERIFY(server);
        QVERIFY(server->registeredMaster(QStringLiteral("50000002"), QStringLiteral("mailer02"), kPassword,
                                         QStringLiteral("down@example.co.jp")));
        const auto auth = server->authenticate(QStringLiteral("mailer02"), kPassword);
        QCOMPARE(auth.status, 200);
        const auto id = auth.field(QStringLiteral("enrollmentId"));

        sink.stop();
        const auto noMail = server->authenticate(QStringLiteral("mailer02"), kPassword);
        QCOMPARE(noMail.status, 503);
        QCOMPARE(noMail.errorCode(), QStringLiteral("MAIL_UNAVAILABLE"));
        QThread::msleep(1100);
        QCOMPARE(server->post(QStringLiteral("/api/v1/enrollment/resend"), {{QStringLiteral("enrollmentId"), id}}).errorCode(),
                 QStringLiteral("MAIL_UNAVAILABLE"));

        // back up: the one allowed resend was not used up by the failure
        QVERIFY(sink.start());
        const auto resent = server->post(QStringLiteral("/api/v1/enrollment/resend"), {{QStringLiteral("enrollmentId"), id}});
        QCOMPARE(resent.status, 200);
        const auto code = decodedCode(sink.messages().last());
        QCOMPARE(server->verify(id, code).status, 200);
        // the failures did not count as wrong passwords either
        for (int i = 0; i < 5; ++i) {
            (void)server->authenticate(QStringLiteral("mailer02"), QStringLiteral("Wrong1!x"));
        }
        QCOMPARE(server->authenticate(QStringLiteral("mailer02"), kPassword).status, 200);
    }

    // The relay misbehaves (SPEC §5 mails must not be lost silently): slower than the timeout,
    // 451, 550, or the connection dropped during DATA. The user gets MAIL_UNAVAILABLE within the
    // timeout, nothing is consumed (the resend and the password attempts are still there), no
    // thread stays stuck (the server answers at once, with no more threads than before), and once
    // the relay works the code goes out.
    void smtpFaults_answerMailUnavailableAndLoseNothing_data()
    {
        QTest::addColumn<QString>("fault");
        for (const char* fault : {"slow", "tempfail", "reject", "drop"}) {
            QTest::newRow(fault) << QString::fromLatin1(fault);
        }
    }
    void smtpFaults_answerMailUnavailableAndLoseNothing()
    {
        QFETCH(QString, fault);
        const int port = freeLoopbackPort();
        const auto box = dir_.filePath(QStringLiteral("sink-") + fault);
        auto sink = std::make_unique<SmtpSink>(box, QStringLiteral("plain"), cert_, key_, port);
        QVERIFY(sink->start());
        auto server = serverFor(QStringLiteral("plain"), port);
        QVERIFY(server);
        const auto user = QStringLiteral("fault") + fault.left(4) + QLatin1Char('1');
        const auto contract = QStringLiteral("5100000%1").arg(QStringList{QStringLiteral("slow"), QStringLiteral("tempfail"),
                                                                          QStringLiteral("reject"), QStringLiteral("drop")}
                                                                  .indexOf(fault));
        const auto email = user + QStringLiteral("@example.co.jp");
        QVERIFY(server->registeredMaster(contract, user, kPassword, email));
        const auto first = server->authenticate(user, kPassword);
        QCOMPARE(first.status, 200);
        const auto id = first.field(QStringLiteral("enrollmentId"));
        const auto threadsBefore = QDir(QStringLiteral("/proc/%1/task").arg(server->pid())).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();

        sink = std::make_unique<SmtpSink>(box, QStringLiteral("plain"), cert_, key_, port, fault);
        QVERIFY(sink->start());
        QElapsedTimer took;
        took.start();
        QThread::msleep(1100); // the resend interval
        const auto resend = server->post(QStringLiteral("/api/v1/enrollment/resend"), {{QStringLiteral("enrollmentId"), id}});
        QCOMPARE(resend.status, 503);
        QCOMPARE(resend.errorCode(), QStringLiteral("MAIL_UNAVAILABLE"));
        QVERIFY2(took.elapsed() < 12000, qPrintable(QString::number(took.elapsed()))); // smtp.timeoutSeconds = 5
        // nothing stuck: the server answers at once, with no thread more than before
        took.restart();
        QCOMPARE(server->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200);
        QVERIFY(took.elapsed() < 2000);
        QTRY_VERIFY_WITH_TIMEOUT(QDir(QStringLiteral("/proc/%1/task").arg(server->pid()))
                                         .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                                         .size() <= threadsBefore + 2, // the pool may have one more at work
                                 35000);

        // the relay works again: the one allowed resend was not used up, the code goes out
        sink = std::make_unique<SmtpSink>(box, QStringLiteral("plain"), cert_, key_, port);
        QVERIFY(sink->start());
        const auto resent = server->post(QStringLiteral("/api/v1/enrollment/resend"), {{QStringLiteral("enrollmentId"), id}});
        QCOMPARE(resent.status, 200);
        QCOMPARE(server->verify(id, decodedCode(sink->messages().last())).status, 200);
        server->stop();
        QCOMPARE(server->exitCode(), 0);
    }

    void outbox_writesOneRfc5322MessagePerMail()
    {
        ServerProcess server;
        QVERIFY(server.start());
        QVERIFY(server.registeredMaster(QStringLiteral("50000003"), QStringLiteral("outbox01"), kPassword,
                                        QStringLiteral("box@example.co.jp")));
        QDir outbox(server.dataDir() + QStringLiteral("/outbox"));
        const auto files = outbox.entryList({QStringLiteral("*.eml")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QFile file(outbox.filePath(files.first()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto text = QString::fromUtf8(file.readAll());
        for (const char* header : {"From: noreply@localhost", "To: <box@example.co.jp>", "Subject: =?UTF-8?q?",
                                   "Date: ", "Content-Transfer-Encoding: quoted-printable", "MIME-Version: 1.0"}) {
            QVERIFY2(text.contains(QLatin1String(header)), header);
        }
        QVERIFY(server.latestMail(QStringLiteral("registration"), QStringLiteral("box@example.co.jp"))
                    .contains(QStringLiteral("ユーザー登録が完了しました")));
        QCOMPARE(QFile(outbox.filePath(files.first())).permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
    }
};

QTEST_GUILESS_MAIN(TestServerMail)
#include "TestServerMail.moc"
