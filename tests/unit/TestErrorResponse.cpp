// The server's error body, read back with an independent JSON parser (Qt's): code, message in
// the asked language, extra fields per code, and no internal detail on the wire.
#include "http/ErrorResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace enroll;

namespace {

QJsonObject parse(const server::ErrorResponse& response)
{
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(response.body), &error);
    if (error.error != QJsonParseError::NoError) {
        qFatal("not JSON: %s", response.body.c_str());
    }
    return doc.object().value(QStringLiteral("error")).toObject();
}

} // namespace

class TestErrorResponse : public QObject
{
    Q_OBJECT

private slots:
    void invalidInput_listsFieldsAndRules()
    {
        const auto response = server::renderError(
            Error::invalid({{Field::UserId, Rule::Length}, {Field::Email, Rule::Format}}), Language::Japanese);
        QCOMPARE(response.status, 400);
        const auto error = parse(response);
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("INVALID_INPUT"));
        const auto fields = error.value(QStringLiteral("fields")).toArray();
        QCOMPARE(fields.size(), 2);
        QCOMPARE(fields.at(0).toObject().value(QStringLiteral("field")).toString(), QStringLiteral("userId"));
        QCOMPARE(fields.at(0).toObject().value(QStringLiteral("rule")).toString(), QStringLiteral("length"));
        QCOMPARE(fields.at(0).toObject().value(QStringLiteral("message")).toString(),
                 QStringLiteral("ユーザーIDは6～12桁で入力してください。"));
        QCOMPARE(fields.at(1).toObject().value(QStringLiteral("rule")).toString(), QStringLiteral("format"));
    }

    void locked_carriesUntilInJst()
    {
        Error locked = Error::of(ErrorCode::Locked, "user sample001 locked");
        locked.until = *parseRfc3339("2026-11-24T06:04:05Z");
        const auto response = server::renderError(locked, Language::English);
        QCOMPARE(response.status, 423);
        const auto error = parse(response);
        QCOMPARE(error.value(QStringLiteral("until")).toString(), QStringLiteral("2026-11-24T15:04:05+09:00"));
        QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("locked")));
        QVERIFY(!QString::fromStdString(response.body).contains(QStringLiteral("sample001")));
    }

    void extras_perCode()
    {
        Error code = Error::of(ErrorCode::CodeInvalid);
        code.attemptsLeft = 2;
        QCOMPARE(parse(server::renderError(code, Language::Japanese)).value(QStringLiteral("attemptsLeft")).toInt(), 2);
        Error rate = Error::of(ErrorCode::RateLimited);
        rate.retryAfterSeconds = 60;
        QCOMPARE(parse(server::renderError(rate, Language::Japanese)).value(QStringLiteral("retryAfterSeconds")).toInt(),
                 60);
    }

    void internal_neverLeaksDetail()
    {
        const auto response = server::renderError(Error::of(ErrorCode::Internal, "SQLITE_BUSY at store.cpp:42"),
                                                  Language::Japanese);
        QCOMPARE(response.status, 500);
        QVERIFY(!QString::fromStdString(response.body).contains(QStringLiteral("SQLITE")));
        QVERIFY(parse(response).value(QStringLiteral("message")).toString().contains(QStringLiteral("システムエラー")));
    }
};

QTEST_GUILESS_MAIN(TestErrorResponse)
#include "TestErrorResponse.moc"
