// Signed in with the certificate (SPEC §4.3–4.4, API "Signed in (mTLS)"): profile changes with the
// password re-entered, the master's users (list, register, disable, the user cap), renewal only
// inside its window superseding the old certificate, and the expiry mails sent once each across a
// restart. Time moves through the test-only clock.
#include "ServerHarness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");
const QString kGeneralPassword = QStringLiteral("Mine2#pwd");
constexpr qint64 kDay = 24 * 3600;

} // namespace

class TestServerSignedIn : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
    ServerProcess::Enrolled master_;

    void setClockOffsetDays(qint64 days) { writeFile(dir_.filePath(QStringLiteral("clock")), QByteArray::number(days * kDay)); }
    CallOptions as(const ServerProcess::Enrolled& who) const { return CallOptions::withCertificate(who.certFile, who.keyFile); }

    HttpResult addUser(const ServerProcess::Enrolled& master, const QString& userId, const QString& email)
    {
        return server_->post(QStringLiteral("/api/v1/users"),
                             {{QStringLiteral("userId"), userId},
                              {QStringLiteral("initialPassword"), QStringLiteral("Gen1!pwx")},
                              {QStringLiteral("userName"), QStringLiteral("一般　花子")},
                              {QStringLiteral("email"), email}},
                             as(master));
    }

    // A general user replaces its initial password, then enrols on "its own PC" (its own key).
    ServerProcess::Enrolled enrollGeneral(const QString& userId, const QString& email)
    {
        const auto first = server_->authenticate(userId, QStringLiteral("Gen1!pwx"));
        if (first.errorCode() != QStringLiteral("PASSWORD_CHANGE_REQUIRED")) {
            qWarning("expected PASSWORD_CHANGE_REQUIRED, got %s", first.body.constData());
            return {};
        }
        const auto changed = server_->post(QStringLiteral("/api/v1/enrollment/password"),
                                           {{QStringLiteral("userId"), userId},
                                            {QStringLiteral("password"), QStringLiteral("Gen1!pwx")},
                                            {QStringLiteral("newPassword"), kGeneralPassword}});
        if (changed.status != 204) {
            qWarning("password change refused: %s", changed.body.constData());
            return {};
        }
        const auto token = server_->issuanceToken(userId, kGeneralPassword, email);
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("rsa:2048"));
        const auto issued = server_->issue(token, key.csrPem);
        const auto serial = issued.field(QStringLiteral("serial"));
        const auto cert = writeFile(dir_.filePath(serial + QStringLiteral(".crt")), issued.field(QStringLiteral("certificate")).toLatin1());
        server_->confirm(token, serial);
        return {serial, cert, key.keyFile};
    }

private slots:
    void initTestCase()
    {
        setClockOffsetDays(0);
        server_ = std::make_unique<ServerProcess>(QMap<QString, QString>{
            {QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock"))},
            {QStringLiteral("contract.maxUsers"), QStringLiteral("3")},
            {QStringLiteral("notices.intervalSeconds"), QStringLiteral("1")}});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        master_ = server_->enroll(QStringLiteral("95000001"), QStringLiteral("master01"), kPassword,
                                  QStringLiteral("master@example.co.jp"));
        QVERIFY(!master_.serial.isEmpty());
    }
    void cleanupTestCase() { server_->stop(); }


    // A request line in absolute-form (RFC 9112 §3.2.2), as Wine's WinHTTP writes it inside a
    // proxy's tunnel: served as its path, with the client certificate as ever.
    void absoluteFormTarget_isServedAsItsPath()
    {
        auto options = CallOptions::withCertificate(master_.certFile, master_.keyFile);
        options.requestTarget = server_->url(QStringLiteral("/api/v1/me"));
        const auto me = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, options);
        QCOMPARE(me.status, 200);
        QVERIFY(me.body.contains("\"userId\":\"master01\""));
    }
    void masterRegistersGeneralUsers_upToTheCap()
    {
        const auto first = addUser(master_, QStringLiteral("general01"), QStringLiteral("g1@example.co.jp"));
        QCOMPARE(first.status, 201);
        QCOMPARE(first.field(QStringLiteral("role")), QStringLiteral("general"));
        QCOMPARE(addUser(master_, QStringLiteral("general01"), QStringLiteral("x@example.co.jp")).errorCode(),
                 QStringLiteral("USER_ID_TAKEN"));
        const auto bad = server_->post(QStringLiteral("/api/v1/users"),
                                       {{QStringLiteral("userId"), QStringLiteral("g")},
                                        {QStringLiteral("initialPassword"), QStringLiteral("short")},
                                        {QStringLiteral("userName"), QStringLiteral("Hanako")},
                                        {QStringLiteral("email"), QStringLiteral("x")}},
                                       as(master_));
        QCOMPARE(bad.fieldErrors(), QStringLiteral("userId:length,initialPassword:length,userName:fullWidthOnly,email:format"));
        QCOMPARE(addUser(master_, QStringLiteral("general02"), QStringLiteral("g2@example.co.jp")).status, 201);
        // master + 2 general users = contract.maxUsers (3)
        const auto full = addUser(master_, QStringLiteral("general03"), QStringLiteral("g3@example.co.jp"));
        QCOMPARE(full.status, 409);
        QCOMPARE(full.errorCode(), QStringLiteral("USER_LIMIT_REACHED"));
        QVERIFY(server_->latestMail(QStringLiteral("registration"), QStringLiteral("g1@example.co.jp")).contains(QStringLiteral("general01")));
    }

    void generalUser_mustReplaceTheInitialPasswordFirst()
    {
        QCOMPARE(server_->authenticate(QStringLiteral("general02"), QStringLiteral("Gen1!pwx")).errorCode(),
                 QStringLiteral("PASSWORD_CHANGE_REQUIRED"));
        const auto change = [this](const QString& current, const QString& next) {
            return server_->post(QStringLiteral("/api/v1/enrollment/password"),
                                 {{QStringLiteral("userId"), QStringLiteral("general02")},
                                  {QStringLiteral("password"), current},
                                  {QStringLiteral("newPassword"), next}});
        };
        QCOMPARE(change(QStringLiteral("Gen1!pwx"), QStringLiteral("Gen1!pwx")).fieldErrors(), QStringLiteral("newPassword:unchanged"));
        QCOMPARE(change(QStringLiteral("Gen1!pwx"), QStringLiteral("weak")).fieldErrors(), QStringLiteral("newPassword:length"));
        QCOMPARE(change(QStringLiteral("Gen1!pwx"), QStringLiteral("General02!x")).fieldErrors(),
                 QStringLiteral("newPassword:containsUserId"));
        QCOMPARE(change(QStringLiteral("Wrong1!x"), kGeneralPassword).errorCode(), QStringLiteral("INVALID_CREDENTIALS"));
        // the master's own password is its own already
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/password"),
                               {{QStringLiteral("userId"), QStringLiteral("master01")},
                                {QStringLiteral("password"), kPassword},
                                {QStringLiteral("newPassword"), QStringLiteral("Other3$pw")}})
                     .errorCode(),
                 QStringLiteral("FORBIDDEN"));
    }

    void generalUserEnrolsOnItsOwnPc_andIsNotAMaster()
    {
        const auto general = enrollGeneral(QStringLiteral("general01"), QStringLiteral("g1@example.co.jp"));
        QVERIFY(!general.serial.isEmpty());
        const auto me = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(general));
        QCOMPARE(me.field(QStringLiteral("role")), QStringLiteral("general"));
        QCOMPARE(me.field(QStringLiteral("contractNumber")), QStringLiteral("95000001"));
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/users"), {}, as(general)).errorCode(),
                 QStringLiteral("FORBIDDEN"));
        QCOMPARE(addUser(general, QStringLiteral("sneaky01"), QStringLiteral("s@example.co.jp")).errorCode(), QStringLiteral("FORBIDDEN"));
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/users")).errorCode(), QStringLiteral("CLIENT_CERT_REQUIRED"));

        const auto list = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/users"), {}, as(master_));
        QCOMPARE(list.status, 200);
        const auto users = list.json.value(QStringLiteral("users")).toArray();
        QCOMPARE(users.size(), 3);
        QCOMPARE(users.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("master"));
        bool seen = false;
        for (const auto& u : users) {
            const auto o = u.toObject();
            if (o.value(QStringLiteral("userId")).toString() == QStringLiteral("general01")) {
                seen = true;
                QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
                QVERIFY(!o.value(QStringLiteral("certificateNotAfter")).toString().isEmpty());
            }
            if (o.value(QStringLiteral("userId")).toString() == QStringLiteral("general02")) {
                QVERIFY(o.value(QStringLiteral("certificateNotAfter")).isNull());
            }
        }
        QVERIFY(seen);

        // disabling: never oneself; the general user's certificate is refused at its next call
        QCOMPARE(server_->call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/users/master01"), {}, as(master_)).errorCode(),
                 QStringLiteral("FORBIDDEN"));
        QCOMPARE(server_->call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/users/nobody99"), {}, as(master_)).errorCode(),
                 QStringLiteral("NOT_FOUND"));
        QCOMPARE(server_->call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/users/general01"), {}, as(master_)).status, 204);
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(general)).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        QCOMPARE(server_->authenticate(QStringLiteral("general01"), kGeneralPassword).errorCode(),
                 QStringLiteral("INVALID_CREDENTIALS"));
        const auto after = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/users"), {}, as(master_));
        QVERIFY(QJsonDocument(after.json).toJson().contains("\"disabled\""));
        // a disabled user frees its seat
        QCOMPARE(addUser(master_, QStringLiteral("general03"), QStringLiteral("g3@example.co.jp")).status, 201);
    }

    void profile_changesWithThePasswordAndTellsBothAddresses()
    {
        const auto wrong = server_->call(QStringLiteral("PATCH"), QStringLiteral("/api/v1/me"),
                                         {{QStringLiteral("userName"), QStringLiteral("労金　次郎")}, {QStringLiteral("password"), QStringLiteral("Wrong1!x")}},
                                         as(master_));
        QCOMPARE(wrong.errorCode(), QStringLiteral("INVALID_CREDENTIALS"));
        QCOMPARE(server_->call(QStringLiteral("PATCH"), QStringLiteral("/api/v1/me"),
                               {{QStringLiteral("userName"), QStringLiteral("Jiro")}, {QStringLiteral("password"), kPassword}}, as(master_))
                     .fieldErrors(),
                 QStringLiteral("userName:fullWidthOnly"));
        const auto changed = server_->call(QStringLiteral("PATCH"), QStringLiteral("/api/v1/me"),
                                           {{QStringLiteral("userName"), QStringLiteral("労金　次郎")},
                                            {QStringLiteral("email"), QStringLiteral("new@example.co.jp")},
                                            {QStringLiteral("userId"), QStringLiteral("hijack01")},
                                            {QStringLiteral("password"), kPassword}},
                                           as(master_));
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.field(QStringLiteral("userId")), QStringLiteral("master01")); // never changes
        QCOMPARE(changed.field(QStringLiteral("userName")), QStringLiteral("労金　次郎"));
        QCOMPARE(server_->mailCount(QStringLiteral("email-changed"), QStringLiteral("master@example.co.jp")), 1);
        QCOMPARE(server_->mailCount(QStringLiteral("email-changed"), QStringLiteral("new@example.co.jp")), 1);
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(master_)).field(QStringLiteral("email")),
                 QStringLiteral("new@example.co.jp"));
    }

    void renewal_onlyInsideTheWindow_andSupersedesOnConfirm()
    {
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("rsa:2048"));
        const auto early = server_->post(QStringLiteral("/api/v1/certificates/renew"), {{QStringLiteral("csr"), key.csrPem}}, as(master_));
        QCOMPARE(early.status, 409);
        QCOMPARE(early.errorCode(), QStringLiteral("RENEWAL_NOT_OPEN"));
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(master_))
                     .json.value(QStringLiteral("certificate")).toObject().value(QStringLiteral("renewalOpen")).toBool(),
                 false);
        QVERIFY(!early.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("renewableFrom")).toString().isEmpty());

        setClockOffsetDays(340);
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(master_))
                     .json.value(QStringLiteral("certificate")).toObject().value(QStringLiteral("renewalOpen")).toBool(),
                 true);
        const auto renewed = server_->post(QStringLiteral("/api/v1/certificates/renew"), {{QStringLiteral("csr"), key.csrPem}}, as(master_));
        QCOMPARE(renewed.status, 201);
        const auto serial = renewed.field(QStringLiteral("serial"));
        const ServerProcess::Enrolled fresh{serial, writeFile(dir_.filePath(QStringLiteral("renewed.crt")),
                                                              renewed.field(QStringLiteral("certificate")).toLatin1()),
                                            key.keyFile};
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(master_)).status, 200); // until confirmed
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/confirm"), {{QStringLiteral("serial"), serial}}, as(fresh)).status, 204);
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(master_)).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(fresh)).status, 200);
        master_ = fresh;
        setClockOffsetDays(0);
    }

    // One renewal at a time: 50 renewals in a row by one user give one certificate; the other 49
    // are refused RENEWAL_PENDING with its serial, and add no CRL entry and no mail.
    void renewalsInARow_onePendingNoNewCrlEntryNoMail()
    {
        // the master's certificate is the one renewed at day 340 above: 25 days before its end
        setClockOffsetDays(680);
        const auto email = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(master_)).field(QStringLiteral("email"));
        QVERIFY(!email.isEmpty());
        const auto revokedBefore = server_->admin({QStringLiteral("cert"), QStringLiteral("list")}).out.count("\trevoked");
        const int mailsBefore = server_->mailCount(QStringLiteral("issued"), email);
        const auto key = makeKeyAndCsr(dir_.path(), QStringLiteral("ec"));
        QString pending;
        for (int i = 0; i < 50; ++i) {
            const auto r = server_->post(QStringLiteral("/api/v1/certificates/renew"), {{QStringLiteral("csr"), key.csrPem}},
                                         as(master_));
            if (i == 0) {
                QCOMPARE(r.status, 201);
                pending = r.field(QStringLiteral("serial"));
            } else if (r.status != 409 || r.errorCode() != QStringLiteral("RENEWAL_PENDING") ||
                       r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("serial")).toString() != pending) {
                setClockOffsetDays(0);
                QFAIL(qPrintable(QStringLiteral("renewal %1: %2").arg(i + 1).arg(QString::fromUtf8(r.body))));
            }
        }
        const auto revokedAfter = server_->admin({QStringLiteral("cert"), QStringLiteral("list")}).out.count("\trevoked");
        const int mailsAfter = server_->mailCount(QStringLiteral("issued"), email);
        setClockOffsetDays(0);
        QCOMPARE(revokedAfter, revokedBefore);
        QCOMPARE(mailsAfter, mailsBefore + 1);
    }

    void expiryMails_eachOnceAcrossARestart()
    {
        // general02 enrols now: its certificate expires 365 days after today (JST)
        const auto general = enrollGeneral(QStringLiteral("general02"), QStringLiteral("g2@example.co.jp"));
        QVERIFY(!general.serial.isEmpty());
        setClockOffsetDays(340); // 25 days before its expiry
        QTRY_COMPARE_WITH_TIMEOUT(server_->mailCount(QStringLiteral("expiry30"), QStringLiteral("g2@example.co.jp")), 1, 10000);
        server_->stop();
        QVERIFY(server_->start());
        QTest::qWait(2500);
        QCOMPARE(server_->mailCount(QStringLiteral("expiry30"), QStringLiteral("g2@example.co.jp")), 1);
        setClockOffsetDays(358); // 7 days before
        QTRY_COMPARE_WITH_TIMEOUT(server_->mailCount(QStringLiteral("expiry10"), QStringLiteral("g2@example.co.jp")), 1, 10000);
        server_->stop();
        QVERIFY(server_->start());
        QTest::qWait(2500);
        QCOMPARE(server_->mailCount(QStringLiteral("expiry10"), QStringLiteral("g2@example.co.jp")), 1);
        QCOMPARE(server_->mailCount(QStringLiteral("expiry30"), QStringLiteral("g2@example.co.jp")), 1);
        const auto mail = server_->latestMail(QStringLiteral("expiry10"), QStringLiteral("g2@example.co.jp"));
        QVERIFY(mail.contains(QStringLiteral("あと7日")));
        // renewal.silent is on by default: the PC renews by itself at logon, and the mail says so
        QVERIFY2(mail.contains(QStringLiteral("Windowsへのログオン時に電子証明書を自動で更新します")), qPrintable(mail));
        const auto me = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, as(general))
                            .json.value(QStringLiteral("certificate")).toObject();
        QCOMPARE(me.value(QStringLiteral("silentRenewal")), QJsonValue(true));
        // and in which hours of the day (Japan time): the default 8–20
        QCOMPARE(me.value(QStringLiteral("renewalHours")).toObject(),
                 (QJsonObject{{QStringLiteral("earliest"), 8}, {QStringLiteral("latest"), 20}}));
        setClockOffsetDays(0);
    }

    // renewal.silent = false (the bank renews by hand only): GET /me says so, and the expiry mail
    // sends the user to the wizard without promising a renewal by itself.
    void silentRenewalOff_isReportedAndTheMailSaysRenewByHand()
    {
        ServerProcess bank({{QStringLiteral("renewal.silent"), QStringLiteral("false")},
                            {QStringLiteral("renewal.earliestHour"), QStringLiteral("9")},
                            {QStringLiteral("renewal.latestHour"), QStringLiteral("17")},
                            {QStringLiteral("notices.intervalSeconds"), QStringLiteral("1")},
                            {QStringLiteral("test.clockFile"), dir_.filePath(QStringLiteral("clock-manual"))}});
        writeFile(dir_.filePath(QStringLiteral("clock-manual")), "0");
        QVERIFY2(bank.start(), qPrintable(bank.log()));
        const auto master = bank.enroll(QStringLiteral("93000001"), QStringLiteral("manual01"), QStringLiteral("Pass1!ab"),
                                        QStringLiteral("manual@example.co.jp"));
        QVERIFY(!master.serial.isEmpty());
        const auto me = bank.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(master.certFile, master.keyFile))
                            .json.value(QStringLiteral("certificate")).toObject();
        QCOMPARE(me.value(QStringLiteral("silentRenewal")), QJsonValue(false));
        QCOMPARE(me.value(QStringLiteral("renewalHours")).toObject(),
                 (QJsonObject{{QStringLiteral("earliest"), 9}, {QStringLiteral("latest"), 17}}));
        writeFile(dir_.filePath(QStringLiteral("clock-manual")), QByteArray::number(340LL * 24 * 3600));
        QTRY_COMPARE_WITH_TIMEOUT(bank.mailCount(QStringLiteral("expiry30"), QStringLiteral("manual@example.co.jp")), 1, 10000);
        const auto mail = bank.latestMail(QStringLiteral("expiry30"), QStringLiteral("manual@example.co.jp"));
        QVERIFY(!mail.contains(QStringLiteral("自動で更新")));
        QVERIFY(mail.contains(QStringLiteral("「電子証明書発行」から更新してください")));
        bank.stop();
        // hours that are not a span of the day are refused at start, in one line
        bank.setSetting(QStringLiteral("renewal.earliestHour"), QStringLiteral("20"));
        bank.setSetting(QStringLiteral("renewal.latestHour"), QStringLiteral("8"));
        QVERIFY(!bank.start());
        QVERIFY2(bank.log().contains(QStringLiteral("0 <= earliestHour < latestHour <= 24")), qPrintable(bank.log()));
    }
};

QTEST_GUILESS_MAIN(TestServerSignedIn)
#include "TestServerSignedIn.moc"
