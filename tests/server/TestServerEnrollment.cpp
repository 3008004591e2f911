// The enrollment flow over real HTTPS against the real enroll-server: contract login, master
// registration, authentication, e-mailed code, issuance from a CSR made by openssl, the
// certificate's profile checked by openssl, confirmation, mTLS sign-in, revocation and the CRL.
#include "ServerHarness.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QTimeZone>
#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");


} // namespace

class TestServerEnrollment : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>();
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase()
    {
        server_->stop();
        QCOMPARE(server_->exitCode(), 0); // clean stop on SIGTERM
        QVERIFY(server_->log().contains(QStringLiteral("stopped")));
        // never a password or a code in the log
        QVERIFY(!server_->log().contains(kPassword));
        QVERIFY(!server_->log().contains(QStringLiteral("Ab1!cd2#")));
    }

    void masterFlow_issuesCertificateWithTheBanksProfile()
    {
        QVERIFY(server_->addContract(QStringLiteral("10000001"), QStringLiteral("Ab1!cd2#")));
        const auto login = server_->contractLogin(QStringLiteral("10000001"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(login.status, 200);
        QCOMPARE(login.field(QStringLiteral("employerName")), QStringLiteral("労金商事"));
        QVERIFY(!login.field(QStringLiteral("expiresAt")).isEmpty());

        const auto token = login.field(QStringLiteral("registrationToken"));
        const auto reg = server_->registerMaster(token, QStringLiteral("sample001"), kPassword,
                                                 QStringLiteral("samplemail@sample.co.jp"));
        QCOMPARE(reg.status, 201);
        QCOMPARE(reg.field(QStringLiteral("userName")), QStringLiteral("労金　太郎"));
        QVERIFY(server_->latestMail(QStringLiteral("registration"), QStringLiteral("samplemail@sample.co.jp"))
                    .contains(QStringLiteral("sample001")));
        // the registration token is spent
        QCOMPARE(server_->registerMaster(token, QStringLiteral("sample002"), kPassword).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));

        const auto auth = server_->authenticate(QStringLiteral("sample001"), kPassword);
        QCOMPARE(auth.status, 200);
        QCOMPARE(auth.field(QStringLiteral("maskedEmail")), QStringLiteral("s***@sample.co.jp"));
        const auto code = server_->latestCode(QStringLiteral("samplemail@sample.co.jp"));
        QCOMPARE(code.size(), 6);
        const auto verified = server_->verify(auth.field(QStringLiteral("enrollmentId")), code);
        QCOMPARE(verified.status, 200);
        const auto issuance = verified.field(QStringLiteral("issuanceToken"));
        QVERIFY(!issuance.isEmpty());
        // the code is used up
        QCOMPARE(server_->verify(auth.field(QStringLiteral("enrollmentId")), code).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));

        // the CSR's own subject is ignored
        const auto key = makeKeyAndCsr(server_->scratch({}), QStringLiteral("rsa:2048"),
                                       QStringLiteral("/CN=admin/O=Evil Corp/OU=99999999"));
        const auto issued = server_->issue(issuance, key.csrPem);
        QCOMPARE(issued.status, 201);
        const auto serial = issued.field(QStringLiteral("serial"));
        const auto certFile = writeFile(server_->scratch(QStringLiteral("master.crt")),
                                        issued.field(QStringLiteral("certificate")).toLatin1());
        QCOMPARE(issued.json.value(QStringLiteral("chain")).toArray().size(), 1);

        const auto text = certificateText(certFile);
        QVERIFY2(text.contains(QStringLiteral("Subject: CN=sample001,OU=10000001,O=Rokin,C=JP")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("Evil")));
        QVERIFY(text.contains(QStringLiteral("X509v3 Key Usage: critical\n                Digital Signature\n")));
        QVERIFY(text.contains(QStringLiteral("X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n")));
        QVERIFY(text.contains(QStringLiteral("X509v3 Basic Constraints: critical\n                CA:FALSE")));
        QVERIFY(text.contains(QStringLiteral("X509v3 Subject Key Identifier")));
        QVERIFY(text.contains(QStringLiteral("X509v3 Authority Key Identifier")));
        QVERIFY(text.contains(QStringLiteral("URI:") + server_->revocationUrl(QStringLiteral("/crl"))));
        QVERIFY(text.contains(QStringLiteral("Version: 3 (0x2)")));
        // serial: at least 64 bits (we draw 127), as the API reports it
        QVERIFY(serial.size() >= 16);
        const auto serialOut = runTool(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), certFile,
                                                                    QStringLiteral("-noout"), QStringLiteral("-serial")});
        QCOMPARE(QString::fromLatin1(serialOut.out).trimmed(), QStringLiteral("serial=") + serial);
        // the hierarchy: through the issuing CA to the root, never to the TLS chain clients pin
        const auto verify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"),
                                                                 server_->root(), QStringLiteral("-untrusted"),
                                                                 server_->issuingCa(), QStringLiteral("-purpose"),
                                                                 QStringLiteral("sslclient"), certFile});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        QVERIFY(runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), server_->root(), certFile})
                    .exitCode != 0);
        QVERIFY(runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), server_->chain(),
                                                    QStringLiteral("-partial_chain"), certFile})
                    .exitCode != 0);

        // notAfter: 23:59:59 JST on the JST issue date + 365 days
        const auto notAfterOut = runTool(QStringLiteral("openssl"),
                                         {QStringLiteral("x509"), QStringLiteral("-in"), certFile, QStringLiteral("-noout"),
                                          QStringLiteral("-enddate"), QStringLiteral("-dateopt"), QStringLiteral("iso_8601")});
        const auto notAfterText = QString::fromLatin1(notAfterOut.out).trimmed().mid(9); // "2027-11-27 14:59:59Z"
        const auto notAfter = QDateTime::fromString(notAfterText, QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'"));
        QVERIFY2(notAfter.isValid(), qPrintable(notAfterText));
        const auto jst = QTimeZone(9 * 3600);
        const auto issueDate = QDateTime::currentDateTimeUtc().toTimeZone(jst).date();
        const auto expected = QDateTime(issueDate.addDays(365), QTime(23, 59, 59), jst).toUTC();
        QCOMPARE(QDateTime(notAfter.date(), notAfter.time(), QTimeZone::utc()), expected);
        QCOMPARE(issued.field(QStringLiteral("notAfter")), expected.toTimeZone(jst).toString(Qt::ISODate));

        // signed in before the confirmation already (the pending certificate is valid), then confirmed
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(certFile, key.keyFile)).status,
                 200);
        QCOMPARE(server_->confirm(issuance, serial).status, 204);
        QCOMPARE(server_->confirm(issuance, serial).errorCode(), QStringLiteral("TOKEN_INVALID")); // single use
        QCOMPARE(server_->issue(issuance, key.csrPem).errorCode(), QStringLiteral("TOKEN_INVALID"));  // single use

        const auto me = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, CallOptions::withCertificate(certFile, key.keyFile));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.field(QStringLiteral("userId")), QStringLiteral("sample001"));
        QCOMPARE(me.field(QStringLiteral("role")), QStringLiteral("master"));
        QCOMPARE(me.field(QStringLiteral("contractNumber")), QStringLiteral("10000001"));
        QCOMPARE(me.json.value(QStringLiteral("certificate")).toObject().value(QStringLiteral("serial")).toString(), serial);
        const auto renewable = me.json.value(QStringLiteral("certificate")).toObject().value(QStringLiteral("renewableFrom")).toString();
        QCOMPARE(renewable, QDateTime(issueDate.addDays(335), QTime(0, 0), jst).toString(Qt::ISODate));

        // one valid certificate per user: a second issuance is refused until renewal opens
        const auto again = server_->authenticate(QStringLiteral("sample001"), kPassword);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("CERT_ALREADY_ISSUED"));
        QCOMPARE(again.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("renewableFrom")).toString(),
                 renewable);
        // the contract has its master now
        QCOMPARE(server_->contractLogin(QStringLiteral("10000001"), QStringLiteral("Ab1!cd2#")).errorCode(),
                 QStringLiteral("MASTER_EXISTS"));
        QVERIFY(server_->latestMail(QStringLiteral("issued"), QStringLiteral("samplemail@sample.co.jp")).contains(serial));
    }

    void ecP256_isAccepted_otherKeysRefused()
    {
        const auto enrolled = server_->registeredMaster(QStringLiteral("10000002"), QStringLiteral("ecuser01"), kPassword,
                                                        QStringLiteral("ec@example.co.jp"));
        QVERIFY(enrolled);
        auto token = server_->issuanceToken(QStringLiteral("ecuser01"), kPassword, QStringLiteral("ec@example.co.jp"));
        const auto weak = server_->issue(token, makeKeyAndCsr(server_->scratch({}), QStringLiteral("rsa:1024")).csrPem);
        QCOMPARE(weak.fieldErrors(), QStringLiteral("csr:keyType"));
        const auto p384 = server_->issue(token, makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec384")).csrPem);
        QCOMPARE(p384.fieldErrors(), QStringLiteral("csr:keyType"));
        const auto garbage = server_->issue(token, QStringLiteral("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"));
        QCOMPARE(garbage.fieldErrors(), QStringLiteral("csr:format"));
        QCOMPARE(server_->issue(token, QString()).fieldErrors(), QStringLiteral("csr:required"));
        // a refused CSR does not spend the token
        const auto ec = server_->issue(token, makeKeyAndCsr(server_->scratch({}), QStringLiteral("ec")).csrPem);
        QCOMPARE(ec.status, 201);
        const auto certFile = writeFile(server_->scratch(QStringLiteral("ec.crt")), ec.field(QStringLiteral("certificate")).toLatin1());
        QVERIFY(certificateText(certFile).contains(QStringLiteral("NIST CURVE: P-256")));
    }

    void tamperedCsr_isRefused()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("10000003"), QStringLiteral("tamper01"), kPassword,
                                          QStringLiteral("t@example.co.jp")));
        const auto token = server_->issuanceToken(QStringLiteral("tamper01"), kPassword, QStringLiteral("t@example.co.jp"));
        auto csr = makeKeyAndCsr(server_->scratch({}), QStringLiteral("rsa:2048")).csrPem;
        // flip one character of the base64 body: the signature no longer verifies
        const auto at = csr.indexOf(QLatin1Char('\n')) + 40;
        csr[at] = csr[at] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        QCOMPARE(server_->issue(token, csr).fieldErrors(), QStringLiteral("csr:format"));
    }

    void neverConfirmedCertificate_isRevokedByTheNextIssuance()
    {
        QVERIFY(server_->registeredMaster(QStringLiteral("10000004"), QStringLiteral("lost0001"), kPassword,
                                          QStringLiteral("lost@example.co.jp")));
        const auto first = server_->issue(server_->issuanceToken(QStringLiteral("lost0001"), kPassword, QStringLiteral("lost@example.co.jp")),
                                          makeKeyAndCsr(server_->scratch({}), QStringLiteral("rsa:2048")).csrPem);
        QCOMPARE(first.status, 201);
        // the window closed before the import: the user simply issues again
        const auto key = makeKeyAndCsr(server_->scratch({}), QStringLiteral("rsa:2048"));
        const auto token = server_->issuanceToken(QStringLiteral("lost0001"), kPassword, QStringLiteral("lost@example.co.jp"));
        QVERIFY(!token.isEmpty());
        const auto second = server_->issue(token, key.csrPem);
        QCOMPARE(second.status, 201);
        const auto list = QString::fromUtf8(server_->admin({QStringLiteral("cert"), QStringLiteral("list"),
                                                            QStringLiteral("--user"), QStringLiteral("lost0001")}).out);
        QVERIFY2(list.contains(first.field(QStringLiteral("serial")) + QStringLiteral("\tlost0001\trevoked")), qPrintable(list));
        QVERIFY(list.contains(second.field(QStringLiteral("serial")) + QStringLiteral("\tlost0001\tpending")));
    }

    void mtls_refusesNoneSelfSignedAndRevoked()
    {
        const auto enrolled = server_->enroll(QStringLiteral("10000005"), QStringLiteral("mtls0001"), kPassword,
                                              QStringLiteral("m@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        const QString me = QStringLiteral("/api/v1/me");
        QCOMPARE(server_->call(QStringLiteral("GET"), me, {}, CallOptions::withCertificate(enrolled.certFile, enrolled.keyFile)).status, 200);

        const auto none = server_->call(QStringLiteral("GET"), me);
        QCOMPARE(none.status, 401);
        QCOMPARE(none.errorCode(), QStringLiteral("CLIENT_CERT_REQUIRED"));

        // a self-signed certificate with the same subject is no certificate of this CA
        const auto selfKey = server_->scratch(QStringLiteral("self.key"));
        const auto selfCert = server_->scratch(QStringLiteral("self.crt"));
        runTool(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                                            selfKey, QStringLiteral("-out"), selfCert, QStringLiteral("-days"),
                                            QStringLiteral("30"), QStringLiteral("-subj"),
                                            QStringLiteral("/C=JP/O=Rokin/OU=10000005/CN=mtls0001"),
                                            QStringLiteral("-addext"), QStringLiteral("extendedKeyUsage=clientAuth")});
        QCOMPARE(server_->call(QStringLiteral("GET"), me, {}, CallOptions::withCertificate(selfCert, selfKey)).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));

        // revoked by the bank: refused at once, and listed in the CRL
        const auto revoke = server_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), enrolled.serial,
                                            QStringLiteral("--reason"), QStringLiteral("keyCompromise")});
        QCOMPARE(revoke.exitCode, 0);
        QCOMPARE(server_->call(QStringLiteral("GET"), me, {}, CallOptions::withCertificate(enrolled.certFile, enrolled.keyFile)).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        const auto bad = server_->admin({QStringLiteral("cert"), QStringLiteral("revoke"), enrolled.serial,
                                         QStringLiteral("--reason"), QStringLiteral("because")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY(bad.err.contains("reason must be one of"));

        const auto crl = server_->call(QStringLiteral("GET"), QStringLiteral("/crl"));
        QCOMPARE(crl.status, 200);
        const auto crlFile = writeFile(server_->scratch(QStringLiteral("crl.der")), crl.body);
        const auto crlText = runTool(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                                  QStringLiteral("-in"), crlFile, QStringLiteral("-noout"),
                                                                  QStringLiteral("-text")});
        QVERIFY2(crlText.out.contains(("Serial Number: " + enrolled.serial).toLatin1()), crlText.out.constData());
        QVERIFY(crlText.out.contains("Key Compromise"));
        // the CRL is signed by the CA
        const auto crlVerify = runTool(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                                    QStringLiteral("-in"), crlFile, QStringLiteral("-noout"),
                                                                    QStringLiteral("-CAfile"), server_->clientCa()});
        QVERIFY2(crlVerify.err.contains("verify OK"), crlVerify.err.constData());
        // and openssl itself then refuses the certificate
        const auto verify = runTool(QStringLiteral("openssl"),
                                    {QStringLiteral("verify"), QStringLiteral("-crl_check"), QStringLiteral("-CAfile"), server_->clientCa(),
                                     QStringLiteral("-CRLfile"), crlFile, QStringLiteral("-inform"), QStringLiteral("PEM"), enrolled.certFile});
        QVERIFY(verify.exitCode != 0);
        // PEM CRL conversions aside, the CA endpoint gives the chain
        const auto ca = server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/ca"));
        QCOMPARE(ca.status, 200);
        QVERIFY(ca.json.value(QStringLiteral("chain")).toArray().at(0).toString().startsWith(QStringLiteral("-----BEGIN CERTIFICATE-----")));
    }

    void tls_olderThan12IsRefused()
    {
        CallOptions old;
        old.tlsMax = QStringLiteral("1.1");
        const auto result = server_->call(QStringLiteral("GET"), QStringLiteral("/healthz"), {}, old);
        QCOMPARE(result.status, 0);
        QVERIFY(!result.curlError.isEmpty());
        CallOptions tls12;
        tls12.tlsMax = QStringLiteral("1.2");
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/healthz"), {}, tls12).status, 200);
        // s_client as a second, independent TLS client: TLS 1.3 negotiated by default
        const auto sclient = runTool(QStringLiteral("openssl"),
                                     {QStringLiteral("s_client"), QStringLiteral("-connect"),
                                      QStringLiteral("127.0.0.1:%1").arg(server_->port()), QStringLiteral("-CAfile"),
                                      server_->chain(), QStringLiteral("-brief")},
                                     "Q\n");
        QVERIFY2(sclient.err.contains("Protocol version: TLSv1.3"), sclient.err.constData());
        QVERIFY(sclient.err.contains("Verification: OK"));
        // what the server presents chains to the TLS CA clients pin, not to the client certificates' CAs
        const auto foreign = runTool(QStringLiteral("openssl"),
                                     {QStringLiteral("s_client"), QStringLiteral("-connect"),
                                      QStringLiteral("127.0.0.1:%1").arg(server_->port()), QStringLiteral("-CAfile"),
                                      server_->clientCa(), QStringLiteral("-verify_return_error"), QStringLiteral("-brief")},
                                     "Q\n");
        QVERIFY2(foreign.exitCode != 0 && !foreign.err.contains("Verification: OK"), foreign.err.constData());
    }

    void audit_recordsSecurityEventsWithoutSecrets()
    {
        const auto audit = server_->admin({QStringLiteral("audit"), QStringLiteral("list")});
        QCOMPARE(audit.exitCode, 0);
        for (const char* event : {"admin.contract.added", "contract.login.success", "master.registered",
                                  "user.login.success", "code.sent", "code.verified", "cert.issued", "cert.confirmed",
                                  "cert.revoked"}) {
            QVERIFY2(audit.out.contains(event), event);
        }
        QVERIFY(!audit.out.contains(kPassword.toLatin1()));
        // the database refuses to change the audit log
        const auto tamper = runTool(QStringLiteral("sqlite3"), {server_->dataDir() + QStringLiteral("/enroll.db"),
                                                                 QStringLiteral("DELETE FROM audit_log;")});
        QVERIFY(tamper.exitCode != 0);
        QVERIFY(tamper.err.contains("append-only"));
    }

    // The bank raises Argon2id's cost: each stored hash is made again at the next right password
    // (user authentication, contract login), once, and the password goes on working.
    void raisedArgon2Cost_upgradesHashesAtTheNextLogin()
    {
        ServerProcess server;
        QVERIFY(server.start());
        QVERIFY(server.registeredMaster(QStringLiteral("60000009"), QStringLiteral("rehash01"), kPassword,
                                        QStringLiteral("rehash@example.co.jp")));
        const auto stored = [&](const QString& sql) {
            return runTool(QStringLiteral("python3"),
                           {QStringLiteral("-c"), QStringLiteral("import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])"),
                            server.dataDir() + QStringLiteral("/enroll.db"), sql})
                .out;
        };
        const auto userHash = QStringLiteral("SELECT password_hash FROM users WHERE user_id = 'rehash01'");
        const auto contractHash = QStringLiteral("SELECT initial_password_hash FROM contracts WHERE number = '60000009'");
        QVERIFY2(stored(userHash).contains("$argon2id$v=19$m=19456,t=2,p=1$"), stored(userHash).constData());
        server.stop();

        server.setSetting(QStringLiteral("argon2.passes"), QStringLiteral("3"));
        QVERIFY(server.start());
        QCOMPARE(server.authenticate(QStringLiteral("rehash01"), kPassword).status, 200);
        QVERIFY2(stored(userHash).contains("$argon2id$v=19$m=19456,t=3,p=1$"), stored(userHash).constData());
        QCOMPARE(server.authenticate(QStringLiteral("rehash01"), kPassword).status, 200);
        QCOMPARE(server.auditCount(QStringLiteral("user.password.rehashed"), QStringLiteral("rehash01")), 1);
        QCOMPARE(server.authenticate(QStringLiteral("rehash01"), QStringLiteral("Wrong1!x")).errorCode(),
                 QStringLiteral("INVALID_CREDENTIALS"));

        QCOMPARE(server.contractLogin(QStringLiteral("60000009"), QStringLiteral("Ab1!cd2#")).errorCode(),
                 QStringLiteral("MASTER_EXISTS"));
        QVERIFY2(stored(contractHash).contains(",t=3,"), stored(contractHash).constData());
        QCOMPARE(server.auditCount(QStringLiteral("contract.password.rehashed"), QStringLiteral("60000009")), 1);

        server.stop();
        server.setSetting(QStringLiteral("argon2.passes"), QStringLiteral("1")); // under OWASP's floor
        QVERIFY(!server.start());
        QVERIFY(server.log().contains(QStringLiteral("argon2.passes must be 2-64")));
    }

    // The audit log is a hash chain: `enroll-admin audit verify` finds a changed row, a removed
    // one, one slipped in outside the chain, and rows cut off at the end (someone with the
    // database file who first dropped the append-only triggers).
    void auditChain_showsChangedAndRemovedRows()
    {
        ServerProcess server;
        QVERIFY(server.start());
        QVERIFY(server.registeredMaster(QStringLiteral("60000010"), QStringLiteral("chain001"), kPassword,
                                        QStringLiteral("chain@example.co.jp")));
        QCOMPARE(server.authenticate(QStringLiteral("chain001"), kPassword).status, 200);
        server.stop();
        const QStringList verify{QStringLiteral("audit"), QStringLiteral("verify")};
        const auto whole = server.admin(verify);
        QCOMPARE(whole.exitCode, 0);
        QVERIFY2(whole.out.contains("audit chain whole: "), whole.out.constData());

        const auto db = server.dataDir() + QStringLiteral("/enroll.db");
        QTemporaryDir copies;
        const auto tampered = [&](const QString& name, const QString& sql) {
            const auto copy = copies.filePath(name + QStringLiteral(".db"));
            QFile::copy(db, copy);
            const auto done = runTool(QStringLiteral("python3"),
                                      {QStringLiteral("-c"),
                                       QStringLiteral("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                                                      "c.executescript('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ' + sys.argv[2]); c.commit()"),
                                       copy, sql});
            return done.exitCode == 0 ? copy : QString();
        };
        const auto verifyOn = [&](const QString& file) {
            return runTool(QStringLiteral(ENROLL_ADMIN_BIN), {QStringLiteral("--config"), writeFile(copies.filePath(QStringLiteral("c.properties")),
                                                                                                      "db.url = sqlite:" + file.toUtf8() + "\n"),
                                                              QStringLiteral("audit"), QStringLiteral("verify")});
        };
        const auto changed = verifyOn(tampered(QStringLiteral("changed"), QStringLiteral("UPDATE audit_log SET detail = 'nothing' WHERE seq = 3;")));
        QVERIFY(changed.exitCode != 0);
        QVERIFY2(changed.err.contains("(number 3) does not match its link"), changed.err.constData());
        const auto removed = verifyOn(tampered(QStringLiteral("removed"), QStringLiteral("DELETE FROM audit_log WHERE seq = 2;")));
        QVERIFY(removed.exitCode != 0);
        QVERIFY2(removed.err.contains("where 2 was due: rows removed before it"), removed.err.constData());
        const auto slipped = verifyOn(tampered(QStringLiteral("slipped"),
                                               QStringLiteral("INSERT INTO audit_log (at, event, subject, detail, remote) "
                                                              "VALUES (0, 'cert.revoked', 'x', 'forged', 'admin:x');")));
        QVERIFY(slipped.exitCode != 0);
        QVERIFY2(slipped.err.contains("was written outside the chain"), slipped.err.constData());
        const auto cut = verifyOn(tampered(QStringLiteral("cut"), QStringLiteral("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);")));
        QVERIFY(cut.exitCode != 0);
        QVERIFY2(cut.err.contains("rows removed at the end"), cut.err.constData());
    }

    // The audit chain anchored outside the database (issue #26): the server writes its head to
    // its log (the journal under systemd) at start, every audit.anchorIntervalSeconds and at
    // shutdown. Someone with the database who rewinds the history and re-links it gets past
    // `audit verify`, but not past `audit verify --anchors` with the anchors written before.
    void auditAnchors_rewoundAndRelinkedHistoryFailsThem()
    {
        ServerProcess server({{QStringLiteral("audit.anchorIntervalSeconds"), QStringLiteral("1")}});
        QVERIFY(server.start());
        QVERIFY(server.registeredMaster(QStringLiteral("60000011"), QStringLiteral("anchor01"), kPassword,
                                        QStringLiteral("anchor@example.co.jp")));
        QCOMPARE(server.authenticate(QStringLiteral("anchor01"), kPassword).status, 200);
        QTest::qWait(2500);
        server.stop();
        const auto log = server.log();
        QVERIFY2(log.contains(QStringLiteral("(start)")) && log.contains(QStringLiteral("(interval)")) &&
                     log.contains(QStringLiteral("(shutdown)")),
                 qPrintable(log));
        QTemporaryDir work;
        const auto anchors = writeFile(work.filePath(QStringLiteral("anchors.txt")), log.toUtf8());
        const auto db = server.dataDir() + QStringLiteral("/enroll.db");
        const auto verifyOn = [&](const QString& file, bool withAnchors) {
            QStringList args{QStringLiteral("--config"),
                             writeFile(work.filePath(QStringLiteral("c.properties")), "db.url = sqlite:" + file.toUtf8() + "\n"),
                             QStringLiteral("audit"), QStringLiteral("verify")};
            if (withAnchors) {
                args << QStringLiteral("--anchors") << anchors;
            }
            return runTool(QStringLiteral(ENROLL_ADMIN_BIN), args);
        };
        const auto whole = verifyOn(db, true);
        QCOMPARE(whole.exitCode, 0);
        QVERIFY2(whole.out.contains("anchor(s) match"), whole.out.constData());

        // the attacker's tools: the triggers dropped, the rows after the 2nd rewritten (or cut off)
        // and linked again as the server links them, the head moved to match
        const auto forged = [&](const QString& name, const QString& mode) {
            const auto copy = work.filePath(name + QStringLiteral(".db"));
            QFile::copy(db, copy);
            const auto done = runTool(QStringLiteral("python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); mode = sys.argv[2]
c.executescript('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;')
f = lambda v: str(len(str(v).encode())).encode() + b':' + str(v).encode()
prev, head = '', None
for (rid, at, event, subject, detail, remote, seq, chain) in c.execute(
        'SELECT id, at, event, subject, detail, remote, seq, chain FROM audit_log WHERE seq > 0 ORDER BY id').fetchall():
    if seq <= 2:
        prev, head = chain, (seq, chain)
    elif mode == 'cut':
        c.execute('DELETE FROM audit_log WHERE id = ?', (rid,))
    else:
        link = hashlib.sha256(b''.join(f(x) for x in [prev, seq, at, event, subject, 'rewritten', remote])).hexdigest()
        c.execute('UPDATE audit_log SET detail = ?, chain = ? WHERE id = ?', ('rewritten', link, rid))
        prev, head = link, (seq, link)
c.execute('UPDATE audit_head SET seq = ?, chain = ?', head)
c.commit()
)"),
                                                                  copy, mode});
            return done.exitCode == 0 ? copy : QString();
        };
        for (const auto& mode : {QStringLiteral("rewrite"), QStringLiteral("cut")}) {
            const auto copy = forged(mode, mode);
            QVERIFY(!copy.isEmpty());
            const auto relinked = verifyOn(copy, false);
            QVERIFY2(relinked.exitCode == 0, relinked.err.constData()); // the chain alone cannot tell
            const auto anchored = verifyOn(copy, true);
            QVERIFY(anchored.exitCode != 0);
            QVERIFY2(anchored.err.contains(mode == QStringLiteral("cut") ? "no such row any more" : "is not the one written then"),
                     anchored.err.constData());
        }
        const auto none = verifyOn(db, false);
        QCOMPARE(none.exitCode, 0);
        writeFile(work.filePath(QStringLiteral("empty.txt")), "nothing here\n");
        const auto noAnchors = runTool(QStringLiteral(ENROLL_ADMIN_BIN),
                                       {QStringLiteral("--config"), work.filePath(QStringLiteral("c.properties")), QStringLiteral("audit"),
                                        QStringLiteral("verify"), QStringLiteral("--anchors"), work.filePath(QStringLiteral("empty.txt"))});
        QVERIFY(noAnchors.exitCode != 0);
        QVERIFY2(noAnchors.err.contains("no audit anchor"), noAnchors.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerEnrollment)
#include "TestServerEnrollment.moc"
