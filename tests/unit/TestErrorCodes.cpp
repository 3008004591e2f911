// The error table matches API.md: codes, statuses, and a clerk-worded message in both languages.
#include "enroll/ErrorCodes.h"

#include <QtTest>

#include <set>

using namespace enroll;

class TestErrorCodes : public QObject
{
    Q_OBJECT

private slots:
    void table_matchesApi_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::addColumn<int>("status");
        const std::pair<const char*, int> api[] = {
            {"INVALID_INPUT", 400},   {"INVALID_CREDENTIALS", 401}, {"TOKEN_INVALID", 401},
            {"CLIENT_CERT_REQUIRED", 401}, {"FORBIDDEN", 403},     {"MASTER_EXISTS", 409},
            {"USER_ID_TAKEN", 409},   {"CERT_ALREADY_ISSUED", 409}, {"CODE_INVALID", 400},
            {"CODE_EXPIRED", 410},    {"LOCKED", 423},              {"BLOCKED", 423},
            {"RATE_LIMITED", 429},    {"MAIL_UNAVAILABLE", 503},    {"TOO_LARGE", 413},
            {"INTERNAL", 500},
        };
        for (const auto& [wire, status] : api) {
            QTest::newRow(wire) << QString::fromLatin1(wire) << status;
        }
    }
    void table_matchesApi()
    {
        QFETCH(QString, wire);
        QFETCH(int, status);
        const auto code = errorCodeFromWire(wire.toStdString());
        QVERIFY(code.has_value());
        QCOMPARE(httpStatus(*code), status);
        QCOMPARE(QString::fromLatin1(wireName(*code).data(), static_cast<int>(wireName(*code).size())), wire);
    }

    void table_everyCodeHasUniqueWireAndMessages()
    {
        std::set<std::string_view> seen;
        for (const auto& info : errorTable()) {
            QVERIFY(seen.insert(info.wire).second);
            QVERIFY(!info.japanese.empty());
            QVERIFY(!info.english.empty());
            QVERIFY(info.httpStatus >= 400 && info.httpStatus < 600);
            QCOMPARE(&errorInfo(info.code), &info);
        }
    }

    void messages_sayWhatToDo()
    {
        QVERIFY(QString::fromUtf8(errorMessage(ErrorCode::Blocked, Language::Japanese).data())
                    .contains(QStringLiteral("労金へお問い合わせください")));
        QVERIFY(QString::fromUtf8(errorMessage(ErrorCode::Locked, Language::Japanese).data())
                    .contains(QStringLiteral("ロック")));
        QVERIFY(std::string(errorMessage(ErrorCode::Internal, Language::English)).find("contact") != std::string::npos);
        QCOMPARE(errorCodeFromWire("NO_SUCH_CODE"), std::optional<ErrorCode>());
    }
};

QTEST_GUILESS_MAIN(TestErrorCodes)
#include "TestErrorCodes.moc"
