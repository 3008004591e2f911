// The bank's own CA and TLS certificate from config paths, the CA key encrypted with its
// passphrase in a file; a wrong passphrase stops the start with a clear reason. Also the
// operator's master reset.
#include "ServerHarness.h"

#include <QJsonArray>
#include <QtTest>

#include <pwd.h>
#include <unistd.h>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

QByteArray readAll(const QString& file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool openssl(const QStringList& args)
{
    const auto r = runTool(QStringLiteral("openssl"), args);
    if (r.exitCode != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
    }
    return r.exitCode == 0;
}

} // namespace

class TestServerProductionCa : public QObject
{
    Q_OBJECT
    QTemporaryDir dir_;

    QString path(const char* name) const { return dir_.filePath(QString::fromLatin1(name)); }

    QMap<QString, QString> settings(const char* passphraseFile) const
    {
        return {{QStringLiteral("ca.cert"), path("ca.crt")},
                {QStringLiteral("ca.key"), path("ca.key")},
                {QStringLiteral("ca.keyPassphraseFile"), path(passphraseFile)},
                {QStringLiteral("tls.cert"), path("tls.crt")},
                {QStringLiteral("tls.key"), path("tls.key")},
                {QStringLiteral("tls.chain"), path("tlsca.crt")},
                {QStringLiteral("ca.organization"), QStringLiteral("Test Rokin Bank")},
                {QStringLiteral("ca.crlUrl"), QStringLiteral("http://crl.rokin.example/enroll.crl")},
                {QStringLiteral("ca.ocspUrl"), QStringLiteral("http://ocsp.rokin.example/ocsp")},
                {QStringLiteral("server.mode"), QStringLiteral("production")},
                // the tests read the one-time codes from the outbox: accepted only when said, with a warning
                {QStringLiteral("mail.allowInsecure"), QStringLiteral("true")}};
    }

private slots:
    void initTestCase()
    {
        writeFile(path("pass"), "correct horse battery\n");
        writeFile(path("wrong"), "wrong horse\n");
        QVERIFY(openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("rsa_keygen_bits:3072"), QStringLiteral("-aes256"), QStringLiteral("-pass"),
                         QStringLiteral("file:") + path("pass"), QStringLiteral("-out"), path("ca.key")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"), path("ca.key"),
                         QStringLiteral("-passin"), QStringLiteral("file:") + path("pass"), QStringLiteral("-subj"),
                         QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin Client CA"), QStringLiteral("-days"), QStringLiteral("3650"),
                         QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-out"), path("ca.crt")}));
        // the bank's TLS CA, apart from the CA of client certificates
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), path("tlsca.key"), QStringLiteral("-subj"), QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin TLS CA"),
                         QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                         QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-out"), path("tlsca.crt")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), path("tls.key"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=localhost"), QStringLiteral("-out"), path("tls.csr")}));
        writeFile(path("tls.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("tls.csr"), QStringLiteral("-CA"),
                         path("tlsca.crt"), QStringLiteral("-CAkey"), path("tlsca.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                         QStringLiteral("30"), QStringLiteral("-extfile"), path("tls.ext"), QStringLiteral("-out"), path("tls.crt")}));
        // and a TLS certificate the client CA signed: what the bank must not do
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("tls.csr"), QStringLiteral("-CA"),
                         path("ca.crt"), QStringLiteral("-CAkey"), path("ca.key"), QStringLiteral("-passin"),
                         QStringLiteral("file:") + path("pass"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                         QStringLiteral("30"), QStringLiteral("-extfile"), path("tls.ext"), QStringLiteral("-out"), path("tls-by-client-ca.crt")}));
    }

    void configuredCa_issuesWithItsOwnKey()
    {
        ServerProcess server(settings("pass"));
        QVERIFY2(server.start(), qPrintable(server.log()));
        QVERIFY(!server.log().contains(QStringLiteral("development CA")));
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/healthz")).field(QStringLiteral("mode")), QStringLiteral("production"));
        const auto enrolled = server.enroll(QStringLiteral("80000001"), QStringLiteral("prodca01"), kPassword,
                                            QStringLiteral("prod@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        const auto verify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("ca.crt"),
                                                                 enrolled.certFile});
        QCOMPARE(verify.exitCode, 0);
        const auto text = certificateText(enrolled.certFile);
        QVERIFY(text.contains(QStringLiteral("O=Test Rokin Bank")));
        QVERIFY(text.contains(QStringLiteral("URI:http://crl.rokin.example/enroll.crl")));
        QVERIFY(text.contains(QStringLiteral("OCSP - URI:http://ocsp.rokin.example/ocsp")));

        // the operator resets the master with a new initial password (required, and not the old one):
        // its certificate is revoked, a new master may register, with the new password only
        const QStringList reset{QStringLiteral("contract"), QStringLiteral("reset-master"), QStringLiteral("80000001")};
        QVERIFY(server.admin(reset).exitCode != 0);
        QVERIFY(server.admin(reset + QStringList{QStringLiteral("--initial-password-stdin")}, "Ab1!cd2#\n").err.contains("must differ"));
        QVERIFY(server.admin(reset + QStringList{QStringLiteral("--initial-password-stdin")}, "short\n").err.contains("new initial password"));
        QCOMPARE(server.admin(reset + QStringList{QStringLiteral("--initial-password-stdin")}, "Zx9#qw8$\n").exitCode, 0);
        CallOptions mtls;
        mtls.certFile = enrolled.certFile;
        mtls.keyFile = enrolled.keyFile;
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        QCOMPARE(server.contractLogin(QStringLiteral("80000001"), QStringLiteral("Ab1!cd2#")).errorCode(),
                 QStringLiteral("INVALID_CREDENTIALS"));
        const auto login = server.contractLogin(QStringLiteral("80000001"), QStringLiteral("Zx9#qw8$"));
        QCOMPARE(login.status, 200);
        QCOMPARE(server.registerMaster(login.field(QStringLiteral("registrationToken")), QStringLiteral("prodca01"), kPassword).errorCode(),
                 QStringLiteral("USER_ID_TAKEN")); // user IDs are never reused
        QCOMPARE(server.registerMaster(login.field(QStringLiteral("registrationToken")), QStringLiteral("prodca02"), kPassword).status,
                 201);
        QVERIFY(server.admin({QStringLiteral("contract"), QStringLiteral("reset-master"), QStringLiteral("89999999"),
                              QStringLiteral("--initial-password-stdin")},
                             "Zx9#qw8$\n")
                    .exitCode != 0);

        // the operator in the audit log is the account of the real uid, whatever $USER says; as root
        // through sudo, the account sudo names by SUDO_UID
        const QStringList unblock{QStringLiteral(ENROLL_ADMIN_BIN), QStringLiteral("--config"),
                                  server.dataDir() + QStringLiteral("/../server.properties"), QStringLiteral("contract"),
                                  QStringLiteral("unblock"), QStringLiteral("80000001")};
        QCOMPARE(runTool(QStringLiteral("env"), QStringList{QStringLiteral("USER=mallory"), QStringLiteral("SUDO_USER=mallory")} + unblock).exitCode, 0);
        const passwd* me = getpwuid(getuid());
        QVERIFY(me != nullptr);
        auto audit = QString::fromUtf8(server.admin({QStringLiteral("audit"), QStringLiteral("list")}).out);
        QVERIFY2(audit.contains(QStringLiteral("admin.contract.unblocked\t80000001\t\tadmin:") + QString::fromLocal8Bit(me->pw_name) +
                                QLatin1Char('\n')),
                 qPrintable(audit));
        QVERIFY(!audit.contains(QStringLiteral("mallory")));
        if (getuid() == 0) {
            QCOMPARE(runTool(QStringLiteral("env"), QStringList{QStringLiteral("SUDO_UID=65534")} + unblock).exitCode, 0);
            audit = QString::fromUtf8(server.admin({QStringLiteral("audit"), QStringLiteral("list")}).out);
            QVERIFY2(audit.contains(QStringLiteral("admin:") + QString::fromLocal8Bit(getpwuid(65534)->pw_name) +
                                    QStringLiteral(" via sudo")),
                     qPrintable(audit));
        }
        server.stop();
    }

    // Production is the default: without the bank's keys the server does not make its own, it
    // stops with one line that names what is missing. Development mode says so at /healthz.
    // Production refuses mail that would never reach anyone, or that travels in clear, in one
    // line; mail.allowInsecure = true accepts it with a warning at every start.
    void productionRefusesUnsafeMail_unlessAllowedWithAWarning()
    {
        auto outbox = settings("pass");
        outbox.remove(QStringLiteral("mail.allowInsecure"));
        ServerProcess refused(outbox);
        QVERIFY(!refused.start());
        QVERIFY2(refused.log().contains(QStringLiteral("production mode refuses this mail set-up: mail.transport = outbox")),
                 qPrintable(refused.log()));
        auto clear = outbox;
        clear.insert(QStringLiteral("mail.transport"), QStringLiteral("smtp"));
        clear.insert(QStringLiteral("smtp.tls"), QStringLiteral("none"));
        ServerProcess inClear(clear);
        QVERIFY(!inClear.start());
        QVERIFY2(inClear.log().contains(QStringLiteral("production mode refuses this mail set-up: smtp.tls = none")),
                 qPrintable(inClear.log()));
        ServerProcess allowed(settings("pass"));
        QVERIFY2(allowed.start(), qPrintable(allowed.log()));
        QVERIFY2(allowed.log().contains(QStringLiteral("mail.allowInsecure = true: mail.transport = outbox")),
                 qPrintable(allowed.log()));
        allowed.stop();
        // development mode takes the outbox as it is
        auto development = outbox;
        development.insert(QStringLiteral("server.mode"), QStringLiteral("development"));
        ServerProcess dev(development);
        QVERIFY2(dev.start(), qPrintable(dev.log()));
        QVERIFY(!dev.log().contains(QStringLiteral("mail.allowInsecure")));
        dev.stop();
    }

    void productionWithoutKeys_refusesNamingThem()
    {
        ServerProcess bare(QMap<QString, QString>{{QStringLiteral("server.mode"), QStringLiteral("production")}});
        QVERIFY(!bare.start());
        QVERIFY2(bare.log().contains(QStringLiteral("production mode needs ca.cert, ca.key, tls.cert, tls.key, tls.chain, ca.crlUrl, ca.ocspUrl (server.mode")),
                 qPrintable(bare.log()));
        QVERIFY(!QFile::exists(bare.dataDir() + QStringLiteral("/ca")));
        auto partial = settings("pass");
        partial.remove(QStringLiteral("ca.crlUrl"));
        ServerProcess noCrl(partial);
        QVERIFY(!noCrl.start());
        QVERIFY2(noCrl.log().contains(QStringLiteral("production mode needs ca.crlUrl (")), qPrintable(noCrl.log()));

        // the TLS certificate chains to what clients pin, and not to the client certificates' CA
        auto shared = settings("pass");
        shared.insert(QStringLiteral("tls.cert"), path("tls-by-client-ca.crt"));
        ServerProcess oneCa(shared);
        QVERIFY(!oneCa.start());
        QVERIFY2(oneCa.log().contains(QStringLiteral("the TLS certificate does not chain to tls.chain")), qPrintable(oneCa.log()));
        shared.insert(QStringLiteral("tls.chain"), path("ca.crt"));
        ServerProcess pinnedToClientCa(shared);
        QVERIFY(!pinnedToClientCa.start());
        QVERIFY2(pinnedToClientCa.log().contains(QStringLiteral("chains to the CA hierarchy of client certificates")),
                 qPrintable(pinnedToClientCa.log()));

        ServerProcess development; // the harness's default: server.mode = development
        QVERIFY(development.start());
        QCOMPARE(development.call(QStringLiteral("GET"), QStringLiteral("/healthz")).field(QStringLiteral("mode")),
                 QStringLiteral("development"));
        QVERIFY(development.log().contains(QStringLiteral("using the development CA")));
    }

    // The bank's hierarchy: an issuing CA (pathlen:0) under an offline root whose key the server
    // never sees (ca.chain holds the root's certificate only). Issued certificates verify with
    // `openssl verify -CAfile root -untrusted issuing`, the server accepts them for mTLS through
    // the chain, and the answer's chain carries the issuing CA only (no root on employer PCs).
    void issuingCaUnderAnOfflineRoot_certificatesVerifyThroughTheChain()
    {
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:3072"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), path("root.key"), QStringLiteral("-subj"), QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin Root"),
                         QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                         QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"), QStringLiteral("-out"), path("root.crt")}));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("rsa:3072"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), path("issuing.key"), QStringLiteral("-subj"),
                         QStringLiteral("/C=JP/O=Test Rokin Bank/CN=Test Rokin Issuing CA"), QStringLiteral("-out"), path("issuing.csr")}));
        writeFile(path("issuing.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
                                       "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n");
        QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), path("issuing.csr"), QStringLiteral("-CA"), path("root.crt"),
                         QStringLiteral("-CAkey"), path("root.key"), QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("1825"),
                         QStringLiteral("-extfile"), path("issuing.ext"), QStringLiteral("-out"), path("issuing.crt")}));
        auto config = settings("pass");
        config.insert(QStringLiteral("ca.cert"), path("issuing.crt"));
        config.insert(QStringLiteral("ca.key"), path("issuing.key"));
        config.remove(QStringLiteral("ca.keyPassphraseFile"));

        ServerProcess unrooted(config); // without ca.chain an issuing CA is refused, naming the key
        QVERIFY(!unrooted.start());
        QVERIFY2(unrooted.log().contains(QStringLiteral("give its issuers up to the root in ca.chain")), qPrintable(unrooted.log()));
        config.insert(QStringLiteral("ca.chain"), path("ca.crt")); // a root, but not this CA's
        ServerProcess misrooted(config);
        QVERIFY(!misrooted.start());
        QVERIFY2(misrooted.log().contains(QStringLiteral("ca.chain does not lead from ca.cert")), qPrintable(misrooted.log()));

        config.insert(QStringLiteral("ca.chain"), path("root.crt"));
        ServerProcess server(config);
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto enrolled = server.enroll(QStringLiteral("80000009"), QStringLiteral("rooted01"), kPassword,
                                            QStringLiteral("rooted@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        const auto verify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("root.crt"),
                                                                 QStringLiteral("-untrusted"), path("issuing.crt"), enrolled.certFile});
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        QVERIFY(runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("root.crt"), enrolled.certFile})
                    .exitCode != 0); // the issuing CA is a link of its own
        CallOptions mtls;
        mtls.certFile = enrolled.certFile;
        mtls.keyFile = enrolled.keyFile;
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {}, mtls).status, 200);
        const auto chain = server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/ca")).json.value(QStringLiteral("chain")).toArray();
        QCOMPARE(chain.size(), 1); // the issuing CA: the root never goes to employer PCs
        QCOMPARE(chain.at(0).toString().toLatin1(), readAll(path("issuing.crt")));
        // clients trust the TLS chain for the server, not the CA that issues their certificates
        QCOMPARE(readAll(server.chain()), readAll(path("tlsca.crt")));
        QCOMPARE(readAll(server.clientCa()), readAll(path("issuing.crt")) + readAll(path("root.crt")));
        const auto tlsVerify = runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("issuing.crt"),
                                                                    QStringLiteral("-partial_chain"), path("tls.crt")});
        QVERIFY(tlsVerify.exitCode != 0); // the TLS certificate does not chain to the issuing CA
        server.stop();
    }

    // The key ceremony with enroll-admin's ca commands (no server configuration: the root's side
    // runs offline), then a rollover of the issuing CA: certificates of both stay usable during
    // the overlap, each CA publishes its own CRL at the URL its certificates carry, and the OCSP
    // responder answers for both, each answer signed under the CA that issued the certificate.
    void ceremonyAndRollover_bothIssuingCasAnsweredDuringTheOverlap()
    {
        const auto admin = [](const QStringList& args) {
            const auto r = runTool(QStringLiteral(ENROLL_ADMIN_BIN), args);
            if (r.exitCode != 0) {
                qWarning("enroll-admin %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
            }
            return r;
        };
        writeFile(path("root.pass"), "offline root passphrase 2026\n");
        writeFile(path("issuing.pass"), "issuing CA passphrase 2026\n");
        writeFile(path("short.pass"), "too short\n");
        const QStringList rootBank{QStringLiteral("--organization"), QStringLiteral("Test Rokin Bank"), QStringLiteral("--name")};
        QVERIFY(admin(QStringList{QStringLiteral("ca"), QStringLiteral("make-root"), QStringLiteral("--cert"), path("r-root.crt"),
                                  QStringLiteral("--key"), path("r-root.key"), QStringLiteral("--passphrase-file"), path("short.pass")} +
                      rootBank + QStringList{QStringLiteral("Test Rokin Root R")})
                    .err.contains("shorter than 16 characters"));
        QCOMPARE(admin(QStringList{QStringLiteral("ca"), QStringLiteral("make-root"), QStringLiteral("--cert"), path("r-root.crt"),
                                   QStringLiteral("--key"), path("r-root.key"), QStringLiteral("--passphrase-file"), path("root.pass")} +
                       rootBank + QStringList{QStringLiteral("Test Rokin Root R")})
                     .exitCode,
                 0);
        QVERIFY(readAll(path("r-root.key")).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QCOMPARE(QFile::permissions(path("r-root.key")) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        const auto makeIssuing = [&](const QString& n) {
            if (admin(QStringList{QStringLiteral("ca"), QStringLiteral("make-issuing"), QStringLiteral("--key"), path("r-issuing") + n + QStringLiteral(".key"),
                                  QStringLiteral("--csr"), path("r-issuing") + n + QStringLiteral(".csr"), QStringLiteral("--passphrase-file"),
                                  path("issuing.pass")} +
                      rootBank + QStringList{QStringLiteral("Test Rokin Issuing CA ") + n})
                    .exitCode != 0) {
                return false;
            }
            return admin({QStringLiteral("ca"), QStringLiteral("sign-issuing"), QStringLiteral("--root-cert"), path("r-root.crt"),
                          QStringLiteral("--root-key"), path("r-root.key"), QStringLiteral("--passphrase-file"), path("root.pass"),
                          QStringLiteral("--csr"), path("r-issuing") + n + QStringLiteral(".csr"), QStringLiteral("--out"),
                          path("r-issuing") + n + QStringLiteral(".crt"), QStringLiteral("--crl-url"),
                          QStringLiteral("http://crl.rokin.example/crl/root")})
                       .exitCode == 0;
        };
        QVERIFY(makeIssuing(QStringLiteral("1")));
        QVERIFY(admin({QStringLiteral("ca"), QStringLiteral("sign-issuing"), QStringLiteral("--root-cert"), path("r-root.crt"),
                       QStringLiteral("--root-key"), path("r-root.key"), QStringLiteral("--passphrase-file"), path("root.pass"),
                       QStringLiteral("--csr"), path("r-issuing1.csr"), QStringLiteral("--out"), path("r-issuing1.crt")})
                    .err.contains("exists already")); // nothing is overwritten
        const auto profile = runTool(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"), path("r-issuing1.crt"),
                                                                  QStringLiteral("-noout"), QStringLiteral("-text")})
                                 .out;
        QVERIFY2(profile.contains("CA:TRUE, pathlen:0") && profile.contains("TLS Web Client Authentication, OCSP Signing") &&
                     !profile.contains("TLS Web Server Authentication"),
                 profile.constData());

        // the root's CRL of issuing CAs, which the issuing CA names: signed offline, served by the server
        QCOMPARE(admin({QStringLiteral("ca"), QStringLiteral("root-crl"), QStringLiteral("--root-cert"), path("r-root.crt"),
                        QStringLiteral("--root-key"), path("r-root.key"), QStringLiteral("--passphrase-file"), path("root.pass"),
                        QStringLiteral("--ledger"), path("r-root.ledger"), QStringLiteral("--out"), path("r-root.crl")})
                     .exitCode,
                 0);
        auto config = settings("pass");
        config.insert(QStringLiteral("ca.rootCrl"), path("r-root.crl"));
        config.insert(QStringLiteral("ca.cert"), path("r-issuing1.crt"));
        config.insert(QStringLiteral("ca.key"), path("r-issuing1.key"));
        config.insert(QStringLiteral("ca.keyPassphraseFile"), path("issuing.pass"));
        config.insert(QStringLiteral("ca.chain"), path("r-root.crt"));
        config.insert(QStringLiteral("ca.crlUrl"), QStringLiteral("http://crl.rokin.example/crl"));
        ServerProcess server(config);
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto first = server.enroll(QStringLiteral("80000021"), QStringLiteral("roll0001"), kPassword,
                                         QStringLiteral("roll1@example.co.jp"));
        QVERIFY(!first.serial.isEmpty());
        server.stop();

        // the rollover: a new issuing CA under the same root, the old one kept as ca.previous.*
        QVERIFY(makeIssuing(QStringLiteral("2")));
        server.setSetting(QStringLiteral("ca.previous.cert"), path("r-issuing1.crt"));
        server.setSetting(QStringLiteral("ca.previous.key"), path("r-issuing1.key"));
        server.setSetting(QStringLiteral("ca.previous.keyPassphraseFile"), path("issuing.pass"));
        server.setSetting(QStringLiteral("ca.previous.crlUrl"), QStringLiteral("http://crl.rokin.example/crl"));
        server.setSetting(QStringLiteral("ca.cert"), path("r-issuing2.crt"));
        server.setSetting(QStringLiteral("ca.key"), path("r-issuing2.key"));
        QVERIFY(!server.start()); // the new CA's CRL needs a URL of its own
        QVERIFY2(server.log().contains(QStringLiteral("ca.crlUrl must change at a rollover")), qPrintable(server.log()));
        server.setSetting(QStringLiteral("ca.crlUrl"), QStringLiteral("http://crl.rokin.example/crl/2"));
        QVERIFY2(server.start(), qPrintable(server.log()));
        const auto shown = QString::fromUtf8(server.admin({QStringLiteral("ca"), QStringLiteral("show")}).out);
        QVERIFY2(shown.contains(QStringLiteral("issuing CA (active): subject CN=Test Rokin Issuing CA 2")) &&
                     shown.contains(QStringLiteral("issuing CA (previous, answered for): subject CN=Test Rokin Issuing CA 1")) &&
                     shown.contains(QStringLiteral("issuer: subject CN=Test Rokin Root R")),
                 qPrintable(shown));

        const auto second = server.enroll(QStringLiteral("80000022"), QStringLiteral("roll0002"), kPassword,
                                          QStringLiteral("roll2@example.co.jp"));
        QVERIFY(!second.serial.isEmpty());
        const auto verifyUnder = [&](const QString& issuing, const QString& cert) {
            return runTool(QStringLiteral("openssl"), {QStringLiteral("verify"), QStringLiteral("-CAfile"), path("r-root.crt"),
                                                       QStringLiteral("-untrusted"), issuing, cert})
                       .exitCode == 0;
        };
        QVERIFY(verifyUnder(path("r-issuing2.crt"), second.certFile));
        QVERIFY(!verifyUnder(path("r-issuing2.crt"), first.certFile));
        QVERIFY(verifyUnder(path("r-issuing1.crt"), first.certFile));
        QVERIFY(certificateText(second.certFile).contains(QStringLiteral("URI:http://crl.rokin.example/crl/2")));
        // both sign in during the overlap
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {},
                             CallOptions::withCertificate(first.certFile, first.keyFile)).status,
                 200);
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {},
                             CallOptions::withCertificate(second.certFile, second.keyFile)).status,
                 200);
        QCOMPARE(readAll(server.clientCa()),
                 readAll(path("r-issuing2.crt")) + readAll(path("r-root.crt")) + readAll(path("r-issuing1.crt")));

        // the first certificate revoked: the previous CA's CRL (at /crl, what it carries) lists it,
        // signed by the previous CA; the new CA's CRL is at /crl/2, signed by the new one
        QCOMPARE(server.admin({QStringLiteral("cert"), QStringLiteral("revoke"), first.serial, QStringLiteral("--reason"),
                               QStringLiteral("superseded")}).exitCode,
                 0);
        const auto crlOf = [&](const QString& route, const QString& issuing) {
            const auto crl = server.call(QStringLiteral("GET"), route);
            const auto file = writeFile(server.scratch(QStringLiteral("rollover.crl")), crl.body);
            writeFile(server.scratch(QStringLiteral("rollover-trust.pem")), readAll(issuing) + readAll(path("r-root.crt")));
            const auto r = runTool(QStringLiteral("openssl"), {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                                                               QStringLiteral("-in"), file, QStringLiteral("-noout"), QStringLiteral("-text"),
                                                               QStringLiteral("-CAfile"), server.scratch(QStringLiteral("rollover-trust.pem"))});
            return crl.status == 200 && r.err.contains("verify OK") ? QString::fromUtf8(r.out) : QString();
        };
        const auto previousCrl = crlOf(QStringLiteral("/crl"), path("r-issuing1.crt"));
        QVERIFY2(previousCrl.contains(QStringLiteral("Issuer: C = JP, O = Test Rokin Bank, CN = Test Rokin Issuing CA 1")) &&
                     previousCrl.contains(QStringLiteral("Serial Number: ") + first.serial),
                 qPrintable(previousCrl));
        QVERIFY(crlOf(QStringLiteral("/crl/2"), path("r-issuing2.crt")).contains(QStringLiteral("CN = Test Rokin Issuing CA 2")));
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/crl/3")).status, 404);

        // OCSP: each certificate answered under its own issuing CA, through to the root
        const auto ocsp = [&](const QString& issuing, const QString& cert) {
            const auto r = runTool(QStringLiteral("openssl"), {QStringLiteral("ocsp"), QStringLiteral("-issuer"), issuing,
                                                               QStringLiteral("-cert"), cert, QStringLiteral("-url"),
                                                               server.url(QStringLiteral("/ocsp")), QStringLiteral("-CAfile"),
                                                               path("r-root.crt"), QStringLiteral("-verify_other"), issuing});
            return QString::fromUtf8(r.out + r.err);
        };
        const auto firstStatus = ocsp(path("r-issuing1.crt"), first.certFile);
        QVERIFY2(firstStatus.contains(QStringLiteral("Response verify OK")) && firstStatus.contains(QStringLiteral(": revoked")),
                 qPrintable(firstStatus));
        const auto secondStatus = ocsp(path("r-issuing2.crt"), second.certFile);
        QVERIFY2(secondStatus.contains(QStringLiteral("Response verify OK")) && secondStatus.contains(QStringLiteral(": good")),
                 qPrintable(secondStatus));
        QCOMPARE(server.call(QStringLiteral("GET"), QStringLiteral("/api/v1/me"), {},
                             CallOptions::withCertificate(first.certFile, first.keyFile)).errorCode(),
                 QStringLiteral("CLIENT_CERT_REQUIRED"));
        server.stop();
    }

    void wrongPassphrase_refusesToStart()
    {
        ServerProcess server(settings("wrong"));
        QVERIFY(!server.start());
        QVERIFY(server.exitCode() != 0);
        QVERIFY2(server.log().contains(QStringLiteral("CA key cannot be read")), qPrintable(server.log()));
        QVERIFY(!server.log().contains(QStringLiteral("correct horse")));
    }
};

QTEST_GUILESS_MAIN(TestServerProductionCa)
#include "TestServerProductionCa.moc"
