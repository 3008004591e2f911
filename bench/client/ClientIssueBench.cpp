// The client's side of an issuance, timed through the real controllers (the objects rokin-enroll
// wires in main()): from [発行] (issue: key pair, request, issue call) to the issued page, and from
// there to the confirmed import (PKCS#12, portable store with its keychain secret, confirm).
// Each round is a new contract and master against a real enroll-server. Prints key=value figures.
#include "ClientHarness.h"
#include "ServerHarness.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>

using namespace enroll;
using namespace enroll::client;
using namespace enroll::test;
using Page = WizardSession::Page;

class ClientIssueBench : public QObject
{
    Q_OBJECT

private slots:
    void issueToConfirmedImport()
    {
        const int rounds = qEnvironmentVariableIntValue("ENROLL_BENCH_ROUNDS") > 0 ? qEnvironmentVariableIntValue("ENROLL_BENCH_ROUNDS") : 5;
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.log()));
        QTemporaryDir home;
        const QString password = QStringLiteral("Pass1!ab");
        std::vector<double> issueMs;
        std::vector<double> importMs;
        std::vector<double> totalMs;
        for (int i = 0; i < rounds; ++i) {
            const auto contract = QString::number(93000000 + i);
            const auto userId = QStringLiteral("bench%1").arg(i, 3, 10, QLatin1Char('0'));
            const auto email = userId + QStringLiteral("@example.co.jp");
            QVERIFY(server.registeredMaster(contract, userId, password, email));
            Pc pc(server, home.filePath(userId));
            auto& c = pc.flows;
            c.issuance.start();
            QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::UserAuthentication, 10000);
            c.issuance.submitAuthentication(userId, password);
            QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::CodeEntry, 10000);
            c.issuance.submitCode(server.latestCode(email));
            QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Issue, 10000);

            QElapsedTimer timer;
            timer.start();
            c.issuance.issue(); // [発行]
            QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::IssueResult, 20000);
            const double issued = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            c.issuance.proceedToImport();
            QTRY_COMPARE_WITH_TIMEOUT(c.session.page(), Page::Done, 20000);
            const double total = static_cast<double>(timer.nsecsElapsed()) / 1e6;
            QCOMPARE(pc.store.find({}).size(), std::size_t{1});
            issueMs.push_back(issued);
            importMs.push_back(total - issued);
            totalMs.push_back(total);
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::printf("client_rounds=%d client_issue_ms=%.1f client_import_confirm_ms=%.1f client_total_ms=%.1f "
                    "client_total_max_ms=%.1f\n",
                    rounds, median(issueMs), median(importMs), median(totalMs),
                    *std::max_element(totalMs.begin(), totalMs.end()));
        std::fflush(stdout);
        server.stop();
    }
};

QTEST_GUILESS_MAIN(ClientIssueBench)
#include "ClientIssueBench.moc"
