// The flows' controllers without widgets against a real enroll-server: the whole master flow into the
// portable store (real gnome-keyring), validation before sending, API errors mapped to messages,
// cancel, and the pending import finished by the next start.
#include "ServerHarness.h"

#include "ClientHarness.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>

#include <csignal>
#include <QDir>
#include <QtTest>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;
using Page = WizardSession::Page;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

} // namespace

class TestEnrollmentFlow : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;
    // the parent's only: the child it kills would leave a folder of its own behind
    std::unique_ptr<QTemporaryDir> home_;

    // On a PC in `home`: authenticated, the e-mailed code entered, issued; the window closed before
    // the import. `serial`: the issued one.
    void issuedNotImported(const QString& home, const QString& userId, const QString& email, QString* serial)
    {
        Pc pc(*server_, home);
        auto& c = pc.flows;
        c.issuance.start();
        c.issuance.submitAuthentication(userId, kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::CodeEntry, 10000);
        c.issuance.submitCode(server_->latestCode(email));
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Issue, 10000);
        c.issuance.issue();
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::IssueResult, 20000);
        *serial = c.issuance.issued().serial;
    }

private slots:
    void initTestCase()
    {
        if (!qEnvironmentVariable("ENROLL_CHILD_HOME").isEmpty()) {
            return; // the child that is killed uses its parent's server and home: its own would be orphaned
        }
        home_ = std::make_unique<QTemporaryDir>();
        server_ = std::make_unique<ServerProcess>();
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase()
    {
        if (server_) {
            server_->stop();
        }
    }

    void masterFlow_endsWithTheCertificateInTheStore()
    {
        QVERIFY(server_->addContract(QStringLiteral("90000001"), QStringLiteral("Ab1!cd2#")));
        Pc pc(*server_, home_->filePath(QStringLiteral("pc1")));
        auto& c = pc.flows;
        QSignalSpy fields(&c.session, &WizardSession::fieldErrorsChanged);

        c.registration.start();
        QCOMPARE(c.session.page(), Page::ContractLogin);
        // refused before anything is sent
        c.registration.submitContractLogin(QStringLiteral("９０００００01"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(c.session.busy(), false);
        QCOMPARE(fields.last().at(0).value<FieldErrors>(), (FieldErrors{{Field::ContractNumber, Rule::Charset}}));

        c.registration.submitContractLogin(QStringLiteral("90000001"), QStringLiteral("Ab1!cd2#"));
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Registration, 10000);
        QCOMPARE(c.registration.employerName(), QStringLiteral("労金商事"));

        c.registration.submitRegistration({QStringLiteral("flow0001"), kPassword, kPassword, QStringLiteral("労金　花子"),
                              QStringLiteral("flow@example.co.jp"), QStringLiteral("flow@example.co.jp")});
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::RegistrationResult, 10000);
        QCOMPARE(c.registration.registered().userName, QStringLiteral("労金　花子"));

        c.registration.continueToIssuance();
        QCOMPARE(c.session.page(), Page::UserAuthentication);
        QCOMPARE(c.issuance.userId(), QStringLiteral("flow0001"));
        c.issuance.submitAuthentication(QStringLiteral("flow0001"), kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::CodeEntry, 10000);
        QCOMPARE(c.issuance.maskedEmail(), QStringLiteral("f***@example.co.jp"));

        c.issuance.submitCode(server_->latestCode(QStringLiteral("flow@example.co.jp")));
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Issue, 10000);
        c.issuance.issue();
        QCOMPARE(c.session.page(), Page::Issuing);
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::IssueResult, 20000);
        const auto serial = c.issuance.issued().serial;
        QVERIFY(!serial.isEmpty());
        QCOMPARE(pc.pending.serials(), QStringList{serial}); // kept safe until imported

        c.issuance.proceedToImport();
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Done, 20000);
        QVERIFY(pc.pending.serials().isEmpty());
        const auto stored = pc.store.find({});
        QCOMPARE(stored.size(), std::size_t{1});
        QCOMPARE(stored.front().serial, serial);
        QCOMPARE(stored.front().userId, QStringLiteral("flow0001"));
        QVERIFY(c.session.certificateStatus().present);
        const auto list = server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("flow0001")});
        QVERIFY2(list.out.contains((serial + QStringLiteral("\tflow0001\tactive")).toUtf8()), list.out.constData());
        // the store's own copy signs in over mTLS
        const auto identity = pc.store.identity(stored.front().thumbprint);
        QVERIFY(identity && !identity->key.isNull());
    }

    void errors_becomeMessagesAndCancelForgetsTheFlow()
    {
        Pc pc(*server_, home_->filePath(QStringLiteral("pc2")));
        auto& c = pc.flows;
        QSignalSpy messages(&c.session, &WizardSession::messageChanged);
        c.issuance.start();
        c.issuance.submitAuthentication(QStringLiteral("nobody01"), kPassword);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty() && !messages.last().at(0).toString().isEmpty(), 10000);
        QCOMPARE(messages.last().at(0).toString(),
                 QStringLiteral("入力された内容では認証できませんでした。入力内容をご確認のうえ、再度入力してください。"));
        QCOMPARE(c.session.page(), Page::UserAuthentication);
        c.session.cancel();
        QCOMPARE(c.session.page(), Page::Start);
        QVERIFY(c.issuance.userId().isEmpty());
    }

    void serverDownAndUntrusted_areSaidPlainly()
    {
        const auto down = Pc::settingsFor(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(freeLoopbackPort())), server_->chain(), Language::English);
        ApiClient api(down);
        ApiResult result;
        bool done = false;
        api.get(QStringLiteral("/healthz"), [&](const ApiResult& r) { result = r; done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(result.kind, ApiResult::Kind::Unreachable);

        // a CA bundle that is not the server's: refused, never ignored
        const auto other = server_->scratch(QStringLiteral("other-ca.pem"));
        runTool(QStringLiteral("openssl"), {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                            QStringLiteral("-nodes"), QStringLiteral("-keyout"), other + QStringLiteral(".key"),
                                            QStringLiteral("-out"), other, QStringLiteral("-subj"), QStringLiteral("/CN=Other CA")});
        const auto untrusted = Pc::settingsFor(QUrl(server_->url({})), other, Language::English);
        ApiClient wrong(untrusted);
        done = false;
        wrong.get(QStringLiteral("/healthz"), [&](const ApiResult& r) { result = r; done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(result.kind, ApiResult::Kind::Untrusted);
    }

    void interruptedImport_isFinishedAtTheNextStart()
    {
        const QString home = home_->filePath(QStringLiteral("pc3"));
        QVERIFY(server_->registeredMaster(QStringLiteral("90000003"), QStringLiteral("flow0003"), kPassword,
                                          QStringLiteral("flow3@example.co.jp")));
        QString serial;
        issuedNotImported(home, QStringLiteral("flow0003"), QStringLiteral("flow3@example.co.jp"), &serial);
        QVERIFY(!serial.isEmpty());
        Pc next(*server_, home);
        QCOMPARE(next.pending.serials(), QStringList{serial});
        QVERIFY(next.store.find({}).empty());
        // the issuance token kept with the pending copy is spent meanwhile (here by curl): the
        // client must fall back to confirming with the new certificate itself over mTLS
        const auto token = next.vault.read(QStringLiteral("pending-token/") + serial);
        QVERIFY(token.has_value());
        QCOMPARE(server_->confirm(QString::fromLatin1(token->data(), static_cast<qsizetype>(token->size())), serial).status, 204);
        QCOMPARE(server_->confirm(QString::fromLatin1(token->data(), static_cast<qsizetype>(token->size())), serial).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        next.flows.issuance.resumePendingImports();
        QTRY_VERIFY_WITH_TIMEOUT(next.pending.serials().isEmpty(), 20000);
        QCOMPARE(next.store.find({}).size(), std::size_t{1});
        const auto list = server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("flow0003")});
        QVERIFY2(list.out.contains((serial + QStringLiteral("\tflow0003\tactive")).toUtf8()), list.out.constData());
    }

    // Another issuer's clientAuth certificate for the same name, with a later expiry and its key,
    // beside the bank's: not shown, not presented, not removable; the bank's one signs in. A bank
    // certificate this PC did not import itself is shown but not removed.
    void foreignCertificate_neitherShownPresentedNorRemoved()
    {
        const auto home = home_->filePath(QStringLiteral("pc-foreign"));
        Pc pc(*server_, home);
        const auto enrolled = server_->enroll(QStringLiteral("90000007"), QStringLiteral("flow0007"), kPassword,
                                              QStringLiteral("flow7@example.co.jp"));
        QVERIFY(!enrolled.serial.isEmpty());
        QVERIFY(pc.hold(enrolled));
        // the other issuer: a CA and a leaf for the same user, valid longer than the bank's
        const auto other = makeForeignClientCertificate(home_->filePath(QStringLiteral("other-issuer")), QStringLiteral("flow0007"), 1500);
        QVERIFY(!other.certFile.isEmpty());
        QVERIFY(holdIn(pc.platformStore, {QStringLiteral("01"), other.certFile, other.keyFile}));
        QCOMPARE(pc.platformStore.find({}).size(), std::size_t{2});
        const auto all = pc.platformStore.find({});
        const auto foreign = std::find_if(all.begin(), all.end(), [](const StoredCertificate& c) { return c.issuer == QStringLiteral("Other Bank CA"); });
        QVERIFY(foreign != all.end());

        const auto shown = pc.store.find({});
        QCOMPARE(shown.size(), std::size_t{1});
        QCOMPARE(shown.front().serial, enrolled.serial);
        QVERIFY(!pc.store.identity(foreign->thumbprint).has_value());
        QVERIFY(!pc.store.remove(foreign->thumbprint));
        QCOMPARE(pc.platformStore.find({}).size(), std::size_t{2});
        // the bank's certificate signs in (the other one, newer, would be refused by the bank)
        QVERIFY(pc.flows.session.useStoredIdentity());
        std::optional<ApiResult> me;
        pc.api.get(QStringLiteral("/api/v1/me"), [&me](const ApiResult& r) { me = r; });
        QTRY_VERIFY_WITH_TIMEOUT(me.has_value(), 10000);
        QCOMPARE(me->status, 200);
        QCOMPARE(me->text("userId"), QStringLiteral("flow0007"));

        // a bank certificate this PC's wizard did not import (no record): shown, never removed
        const auto another = server_->enroll(QStringLiteral("90000008"), QStringLiteral("flow0008"), kPassword,
                                             QStringLiteral("flow8@example.co.jp"));
        QVERIFY(holdIn(pc.platformStore, another));
        const auto unrecorded = [&] {
            for (const auto& c : pc.store.find({})) {
                if (c.serial == another.serial) {
                    return c;
                }
            }
            return StoredCertificate{};
        }();
        QVERIFY(!unrecorded.thumbprint.isEmpty());
        QVERIFY(!pc.store.importedHere(unrecorded));
        QVERIFY(!pc.store.remove(unrecorded.thumbprint));
        const auto recorded = pc.store.find({});
        const auto mine = std::find_if(recorded.begin(), recorded.end(), [&](const StoredCertificate& c) { return c.serial == enrolled.serial; });
        QVERIFY(mine != recorded.end() && pc.store.importedHere(*mine));
        QVERIFY(pc.store.remove(mine->thumbprint));
        QCOMPARE(pc.platformStore.find({}).size(), std::size_t{2}); // the other issuer's and the unrecorded one
    }

    // An import an older version left in another folder (Windows: the roaming profile's AppData)
    // is moved into this PC's folder, the original shredded, and finished as usual.
    void pendingInAnOlderFolder_isAdoptedAndFinished()
    {
        const QString older = home_->filePath(QStringLiteral("pc-roaming"));
        QVERIFY(server_->registeredMaster(QStringLiteral("90000006"), QStringLiteral("flow0006"), kPassword,
                                          QStringLiteral("flow6@example.co.jp")));
        QString serial;
        issuedNotImported(older, QStringLiteral("flow0006"), QStringLiteral("flow6@example.co.jp"), &serial);
        QVERIFY(!serial.isEmpty());
        Pc local(*server_, home_->filePath(QStringLiteral("pc-local")));
        QVERIFY(local.pending.serials().isEmpty());
        QCOMPARE(local.pending.adoptFrom(older + QStringLiteral("/pending")), 1);
        QCOMPARE(local.pending.serials(), QStringList{serial});
        QVERIFY(QDir(older + QStringLiteral("/pending")).entryList(QDir::Files).isEmpty());
        QCOMPARE(local.pending.adoptFrom(older + QStringLiteral("/pending")), 0);
        local.flows.issuance.resumePendingImports();
        QTRY_VERIFY_WITH_TIMEOUT(local.pending.serials().isEmpty(), 20000);
        QCOMPARE(local.store.find({}).size(), std::size_t{1});
    }

    // Run by killedBetweenIssuanceAndImport in a child process of this same test program: issues,
    // says so on stdout, then waits to be killed with SIGKILL before it can import.
    void childIssuesThenWaitsForKill()
    {
        const auto home = qEnvironmentVariable("ENROLL_CHILD_HOME");
        if (home.isEmpty()) {
            QSKIP("only as the child of killedBetweenIssuanceAndImport");
        }
        Pc pc(QUrl(qEnvironmentVariable("ENROLL_CHILD_SERVER")), qEnvironmentVariable("ENROLL_CHILD_CA"), home);
        auto& c = pc.flows;
        c.issuance.start();
        c.issuance.submitAuthentication(qEnvironmentVariable("ENROLL_CHILD_USER"), kPassword);
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::CodeEntry, 10000);
        QFile out;
        out.open(stdout, QIODevice::WriteOnly);
        out.write("CODE?\n");
        out.flush();
        QFile in;
        in.open(stdin, QIODevice::ReadOnly);
        c.issuance.submitCode(QString::fromLatin1(in.readLine()).trimmed());
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Issue, 10000);
        c.issuance.issue();
        QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::IssueResult, 20000);
        out.write("ISSUED " + c.issuance.issued().serial.toLatin1() + "\n");
        out.flush();
        QTest::qWait(120000); // killed long before this ends
    }

    void killedBetweenIssuanceAndImport_nextStartCompletesIt()
    {
        const QString home = home_->filePath(QStringLiteral("pc4"));
        const QString email = QStringLiteral("kill@example.co.jp");
        QVERIFY(server_->registeredMaster(QStringLiteral("90000004"), QStringLiteral("flowkill1"), kPassword, email));
        QProcess child;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ENROLL_CHILD_HOME"), home);
        env.insert(QStringLiteral("ENROLL_CHILD_SERVER"), server_->url({}));
        env.insert(QStringLiteral("ENROLL_CHILD_CA"), server_->chain());
        env.insert(QStringLiteral("ENROLL_CHILD_USER"), QStringLiteral("flowkill1"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childIssuesThenWaitsForKill")});
        QVERIFY(child.waitForStarted());
        auto waitFor = [&child](const QByteArray& marker) {
            QByteArray seen;
            QElapsedTimer timer;
            timer.start();
            while (!seen.contains(marker) && timer.elapsed() < 30000) {
                child.waitForReadyRead(200);
                seen += child.readAllStandardOutput();
            }
            return seen;
        };
        QVERIFY(waitFor("CODE?").contains("CODE?"));
        child.write(server_->latestCode(email).toLatin1() + "\n");
        const auto issued = waitFor("ISSUED ");
        const auto at = issued.indexOf("ISSUED ");
        QVERIFY2(at >= 0, issued.constData());
        const auto serial = QString::fromLatin1(issued.mid(at + 7, issued.indexOf('\n', at) - at - 7)).trimmed();
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        // the certificate is issued, not yet imported or confirmed
        auto list = server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("flowkill1")});
        QVERIFY2(list.out.contains((serial + QStringLiteral("\tflowkill1\tpending")).toUtf8()), list.out.constData());

        // the next start of the program on that PC
        Pc next(*server_, home);
        QCOMPARE(next.pending.serials(), QStringList{serial});
        QSignalSpy notices(&next.flows.session, &WizardSession::noticeChanged);
        next.flows.issuance.resumePendingImports();
        QTRY_VERIFY_WITH_TIMEOUT(next.pending.serials().isEmpty(), 20000);
        QCOMPARE(next.store.find({}).front().serial, serial);
        QCOMPARE(notices.last().at(0).toString(), QStringLiteral("The certificate interrupted last time was imported correctly."));
        list = server_->admin({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--user"), QStringLiteral("flowkill1")});
        QVERIFY2(list.out.contains((serial + QStringLiteral("\tflowkill1\tactive")).toUtf8()), list.out.constData());
    }
};

QTEST_MAIN(TestEnrollmentFlow)
#include "TestEnrollmentFlow.moc"
