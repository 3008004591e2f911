// The operator's report (`enroll-admin report`, docs/operations.md, "The daily report") of a real
// server's work, its clock moved as a year passes: an issuance, refused logins, a lock, a
// certificate near its end that has not renewed (with its contract and employer), then renewed by
// the PC itself, and a mail that could not be sent — as plain text and as CSV for a spreadsheet.
#include "ServerHarness.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
constexpr qint64 kDay = 24 * 3600;

QString jst(qint64 secondsFromNow)
{
    return QDateTime::currentDateTimeUtc().addSecs(secondsFromNow).toOffsetFromUtc(9 * 3600).toString(Qt::ISODate);
}

// The count on a text report's line that starts with `item`; -1 when there is none.
int countOf(const QByteArray& report, const QString& item)
{
    for (const auto& line : QString::fromUtf8(report).split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(item + QLatin1Char(' '))) {
            return line.section(QLatin1Char(' '), -1).toInt();
        }
    }
    return -1;
}

} // namespace

class TestServerReport : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;

    void setClockOffsetDays(qint64 days) { writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(days * kDay)); }

    // the report of everything from a year and a half back to a day after the server's clock
    ProcessResult report(qint64 offsetDays, const QStringList& extra = {}) const
    {
        return server_->admin(QStringList{QStringLiteral("report"), QStringLiteral("--since"), QStringLiteral("550d"), QStringLiteral("--until"),
                                          jst((offsetDays + 1) * kDay)} +
                              extra);
    }

private slots:
    void initTestCase()
    {
        setClockOffsetDays(0);
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{{QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase() { server_->stop(); }

    void aYearOfWork_reportedWithContracts()
    {
        QVERIFY(server_->addContract(QStringLiteral("97100001"), QStringLiteral("Ab1!cd2#"), QStringLiteral("=1+2 商事")));
        const auto login = server_->contractLogin(QStringLiteral("97100001"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(server_->registerMaster(login.field(QStringLiteral("registrationToken")), QStringLiteral("report01"), kPassword,
                                         QStringLiteral("r1@example.co.jp"))
                     .status,
                 201);
        const auto token = server_->issuanceToken(QStringLiteral("report01"), kPassword, QStringLiteral("r1@example.co.jp"));
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("ec:P-256"));
        const auto issued = server_->issue(token, key.csrPem);
        QCOMPARE(issued.status, 201);
        QCOMPARE(server_->confirm(token, issued.field(QStringLiteral("serial"))).status, 204);
        const auto current = CallOptions::withCertificate(
            writeFile(dir_.filePath(QStringLiteral("r1.crt")), issued.field(QStringLiteral("certificate")).toLatin1()), key.keyFile);
        // refused logins: one user, six on another contract (locked)
        QCOMPARE(server_->authenticate(QStringLiteral("report01"), QStringLiteral("Wr0ng!pw")).status, 401);
        QVERIFY(server_->addContract(QStringLiteral("97100002"), QStringLiteral("Ab1!cd2#"), QStringLiteral("労金工業")));
        for (int i = 0; i < 6; ++i) {
            (void)server_->contractLogin(QStringLiteral("97100002"), QStringLiteral("Zz9?zz9?"));
        }

        // 340 days on: the certificate ends within 30 days and has not renewed
        setClockOffsetDays(340);
        const auto before = report(340);
        QVERIFY2(before.exitCode == 0, before.err.constData());
        QCOMPARE(countOf(before.out, QStringLiteral("issued (first issuance)")), 1);
        QCOMPARE(countOf(before.out, QStringLiteral("confirmed installed")), 1);
        QCOMPARE(countOf(before.out, QStringLiteral("user logins refused")), 1);
        QCOMPARE(countOf(before.out, QStringLiteral("contract logins refused")), 6);
        QVERIFY2(before.out.contains("Locks and blocks (1)") && before.out.contains("contract.locked  97100002  contract 97100002  労金工業"),
                 before.out.constData());
        QVERIFY2(before.out.contains("Expiring within 30 days, not renewed (1)") &&
                     before.out.contains("expiring  report01  contract 97100001  =1+2 商事  serial " + issued.field(QStringLiteral("serial")).toLatin1()),
                 before.out.constData());

        // the PC renews by itself; the old certificate is superseded at confirm
        const auto next = makeKeyAndCsr(dir_.path(), QStringLiteral("ec:P-256"));
        const auto renewed = server_->post(QStringLiteral("/api/v1/certificates/renew"),
                                           {{QStringLiteral("csr"), next.csrPem}, {QStringLiteral("silent"), true}}, current);
        QCOMPARE(renewed.status, 201);
        const auto fresh = CallOptions::withCertificate(
            writeFile(dir_.filePath(QStringLiteral("r1b.crt")), renewed.field(QStringLiteral("certificate")).toLatin1()), next.keyFile);
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), renewed.field(QStringLiteral("serial"))}}, fresh)
                     .status,
                 204);
        // then the mail relay fails: a code mail not sent
        QVERIFY(server_->registeredMaster(QStringLiteral("97100003"), QStringLiteral("report03"), kPassword, QStringLiteral("r3@example.co.jp")));
        const auto outbox = server_->outboxDir();
        QVERIFY(QDir(outbox).removeRecursively());
        writeFile(outbox, "not a directory");
        QCOMPARE(server_->authenticate(QStringLiteral("report03"), kPassword).errorCode(), QStringLiteral("MAIL_UNAVAILABLE"));

        const auto after = report(340);
        QCOMPARE(countOf(after.out, QStringLiteral("renewed by the PC itself")), 1);
        QCOMPARE(countOf(after.out, QStringLiteral("renewed in the wizard")), 0);
        QCOMPARE(countOf(after.out, QStringLiteral("confirmed installed")), 2);
        QCOMPARE(countOf(after.out, QStringLiteral("revoked")), 1); // superseded
        QVERIFY2(after.out.contains("Expiring within 30 days, not renewed (0)"), after.out.constData());
        QVERIFY2(after.out.contains("Mail failures (2)") && after.out.contains("code.mail.failure  report03  contract 97100003") &&
                     after.out.contains("mail.failure  code  contract -"),
                 after.out.constData());

        // the same as CSV, for the bank's spreadsheet
        const auto csv = report(340, {QStringLiteral("--csv")});
        QVERIFY(csv.out.startsWith("\xEF\xBB\xBFsection,item,count,time,subject,contract,employer,detail\r\n"));
        QVERIFY2(csv.out.contains("\r\ncertificates,renewed by the PC itself,1,"), csv.out.constData());
        QVERIFY2(csv.out.contains(",97100002,97100002,労金工業,"), csv.out.constData());
        // a cell a spreadsheet would run is made text
        QVERIFY(!csv.out.contains(",=1+2"));

        // a period before any of it reports nothing; a wrong period is refused in one line
        const auto empty = server_->admin({QStringLiteral("report"), QStringLiteral("--since"), QStringLiteral("1h"), QStringLiteral("--until"),
                                           jst(-10 * kDay)});
        QCOMPARE(countOf(empty.out, QStringLiteral("contract logins refused")), 0);
        const auto wrong = server_->admin({QStringLiteral("report"), QStringLiteral("--since"), QStringLiteral("yesterday")});
        QVERIFY(wrong.exitCode != 0 && wrong.err.contains("--since is 24h, 7d, 90m"));
        setClockOffsetDays(0);
    }
};

QTEST_MAIN(TestServerReport)
#include "TestServerReport.moc"
