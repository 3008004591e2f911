// Every input rule of SPEC §2 at the API, and the error codes that bad requests get: the right
// code, field and rule, a Japanese message by default and English on request, nothing lost.
#include "ServerHarness.h"

#include <QtTest>

using namespace enroll::test;

namespace {

const QString kPassword = QStringLiteral("Pass1!ab");

QString message(const HttpResult& r)
{
    return r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

} // namespace

class TestServerInputRules : public QObject
{
    Q_OBJECT
    std::unique_ptr<ServerProcess> server_;
    QString registrationToken_;

private slots:
    void initTestCase()
    {
        server_ = std::make_unique<ServerProcess>();
        QVERIFY2(server_->start(), qPrintable(server_->log()));
        QVERIFY(server_->addContract(QStringLiteral("30000001"), QStringLiteral("Ab1!cd2#")));
        QVERIFY(server_->registeredMaster(QStringLiteral("30000002"), QStringLiteral("taken001"), kPassword,
                                          QStringLiteral("taken@example.co.jp")));
    }
    void cleanupTestCase() { server_->stop(); }

    void contractLogin_rules_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("errors");
        QTest::newRow("both empty") << "" << "" << "contractNumber:required,initialPassword:required";
        QTest::newRow("7 digits") << "3000000" << "Ab1!cd2#" << "contractNumber:length";
        QTest::newRow("9 digits") << "300000011" << "Ab1!cd2#" << "contractNumber:length";
        QTest::newRow("full-width digits") << "３０００００００" << "Ab1!cd2#" << "contractNumber:charset";
        QTest::newRow("password 7") << "30000001" << "Ab1!cd2" << "initialPassword:length";
        QTest::newRow("password 9") << "30000001" << "Ab1!cd2#x" << "initialPassword:length";
        QTest::newRow("password no symbol") << "30000001" << "Ab1xcd2y" << "initialPassword:needsAllFourKinds";
        QTest::newRow("password no upper") << "30000001" << "ab1!cd2#" << "initialPassword:needsAllFourKinds";
        QTest::newRow("password with space") << "30000001" << "Ab1 cd2#" << "initialPassword:charset";
    }
    void contractLogin_rules()
    {
        QFETCH(QString, number);
        QFETCH(QString, password);
        QFETCH(QString, errors);
        const auto r = server_->contractLogin(number, password);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("INVALID_INPUT"));
        QCOMPARE(r.fieldErrors(), errors);
        QVERIFY(!message(r).isEmpty());
    }

    void register_rules_data()
    {
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("userName");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("errors");
        const QString name = QStringLiteral("労金　太郎");
        const QString mail = QStringLiteral("a@example.co.jp");
        QTest::newRow("user ID 5") << "abc12" << kPassword << name << mail << "userId:length";
        QTest::newRow("user ID 13") << "abcdefghij123" << kPassword << name << mail << "userId:length";
        QTest::newRow("user ID letters only") << "abcdefg" << kPassword << name << mail << "userId:needsLetterAndDigit";
        QTest::newRow("user ID symbol") << "abc-123" << kPassword << name << mail << "userId:charset";
        QTest::newRow("user ID full-width") << "ａｂｃ１２３" << kPassword << name << mail << "userId:charset";
        QTest::newRow("password 7") << "newuser1" << "Pass1!a" << name << mail << "password:length";
        QTest::newRow("password 13") << "newuser1" << "Pass1!abcdefg" << name << mail << "password:length";
        QTest::newRow("password kinds") << "newuser1" << "password1!" << name << mail << "password:needsAllFourKinds";
        QTest::newRow("password has user ID") << "newuser1" << "Newuser1!" << name << mail << "password:containsUserId";
        QTest::newRow("name empty") << "newuser1" << kPassword << "" << mail << "userName:required";
        QTest::newRow("name 21") << "newuser1" << kPassword << QString(21, QChar(0x3042)) << mail << "userName:length";
        QTest::newRow("name 20") << "newuser1" << kPassword << QString(20, QChar(0x3042)) << "bad" << "email:format";
        QTest::newRow("name ASCII") << "newuser1" << kPassword << "Taro" << mail << "userName:fullWidthOnly";
        QTest::newRow("name half-width kana") << "newuser1" << kPassword << "ﾛｳｷﾝ" << mail << "userName:fullWidthOnly";
        QTest::newRow("name emoji") << "newuser1" << kPassword << "労金😀" << mail << "userName:fullWidthOnly";
        QTest::newRow("email 51") << "newuser1" << kPassword << name << QString(39, QLatin1Char('a')) + "@example.com"
                                  << "email:length";
        QTest::newRow("email no dot") << "newuser1" << kPassword << name << "a@localhost" << "email:format";
        QTest::newRow("email full-width") << "newuser1" << kPassword << name << "ａ@example.com" << "email:charset";
        QTest::newRow("everything wrong") << "" << "" << "" << ""
                                          << "userId:required,password:required,userName:required,email:required";
    }
    void register_rules()
    {
        QFETCH(QString, userId);
        QFETCH(QString, password);
        QFETCH(QString, userName);
        QFETCH(QString, email);
        QFETCH(QString, errors);
        const auto login = server_->contractLogin(QStringLiteral("30000001"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(login.status, 200);
        CallOptions options;
        options.bearer = login.field(QStringLiteral("registrationToken"));
        const auto r = server_->post(QStringLiteral("/api/v1/master/register"),
                                     {{QStringLiteral("userId"), userId},
                                      {QStringLiteral("password"), password},
                                      {QStringLiteral("userName"), userName},
                                      {QStringLiteral("email"), email}},
                                     options);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.fieldErrors(), errors);
    }

    void register_idTakenKeepsTheToken()
    {
        const auto login = server_->contractLogin(QStringLiteral("30000001"), QStringLiteral("Ab1!cd2#"));
        const auto token = login.field(QStringLiteral("registrationToken"));
        const auto taken = server_->registerMaster(token, QStringLiteral("taken001"), kPassword);
        QCOMPARE(taken.status, 409);
        QCOMPARE(taken.errorCode(), QStringLiteral("USER_ID_TAKEN"));
        // the master corrects the ID on the same page: the token still works
        QCOMPARE(server_->registerMaster(token, QStringLiteral("fresh001"), kPassword).status, 201);
        QCOMPARE(server_->contractLogin(QStringLiteral("30000001"), QStringLiteral("Ab1!cd2#")).errorCode(),
                 QStringLiteral("MASTER_EXISTS"));
        QCOMPARE(server_->registerMaster(QStringLiteral("forged"), QStringLiteral("other001"), kPassword).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(server_->registerMaster(QString(), QStringLiteral("other001"), kPassword).status, 401);
    }

    void authenticate_andVerify_rules()
    {
        QCOMPARE(server_->authenticate(QStringLiteral("ab"), QStringLiteral("x")).fieldErrors(),
                 QStringLiteral("userId:length,password:length"));
        QCOMPARE(server_->verify(QStringLiteral("whatever"), QStringLiteral("12345")).fieldErrors(),
                 QStringLiteral("code:length"));
        QCOMPARE(server_->verify(QStringLiteral("whatever"), QStringLiteral("１２３４５６")).fieldErrors(),
                 QStringLiteral("code:charset"));
        QCOMPARE(server_->verify(QStringLiteral("whatever"), QStringLiteral("123456")).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(server_->post(QStringLiteral("/api/v1/enrollment/resend"), {{QStringLiteral("enrollmentId"), QStringLiteral("x")}})
                     .errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(server_->issue(QStringLiteral("nope"), QStringLiteral("x")).errorCode(), QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(server_->confirm(QStringLiteral("nope"), QStringLiteral("AB")).errorCode(), QStringLiteral("TOKEN_INVALID"));
    }

    void messages_japaneseByDefault_englishOnRequest()
    {
        const auto ja = server_->contractLogin(QStringLiteral("1"), QStringLiteral("Ab1!cd2#"));
        QCOMPARE(message(ja), QStringLiteral("入力内容に誤りがあります。各項目の説明をご確認ください。"));
        const auto field = ja.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toArray().at(0).toObject();
        QCOMPARE(field.value(QStringLiteral("message")).toString(), QStringLiteral("契約番号は半角数字8桁で入力してください。"));
        CallOptions en;
        en.language = QStringLiteral("en-US,en;q=0.9");
        const auto english = server_->post(QStringLiteral("/api/v1/contract/login"),
                                           {{QStringLiteral("contractNumber"), QStringLiteral("1")},
                                            {QStringLiteral("initialPassword"), QStringLiteral("Ab1!cd2#")}},
                                           en);
        QVERIFY(message(english).startsWith(QStringLiteral("Some entries are not valid")));
    }

    void malformedRequests_getClearErrors()
    {
        CallOptions raw;
        raw.rawBody = "{not json";
        const auto broken = server_->post(QStringLiteral("/api/v1/contract/login"), {}, raw);
        QCOMPARE(broken.status, 400);
        QCOMPARE(broken.errorCode(), QStringLiteral("INVALID_INPUT"));
        raw.rawBody = "[1,2,3]";
        QCOMPARE(server_->post(QStringLiteral("/api/v1/contract/login"), {}, raw).errorCode(), QStringLiteral("INVALID_INPUT"));
        // a number where a string belongs: the field and rule say so
        const auto typed = server_->post(QStringLiteral("/api/v1/contract/login"),
                                         {{QStringLiteral("contractNumber"), 12345678},
                                          {QStringLiteral("initialPassword"), QStringLiteral("Ab1!cd2#")}});
        QCOMPARE(typed.fieldErrors(), QStringLiteral("contractNumber:format"));
        // invalid UTF-8 in a field
        raw.rawBody = QByteArray("{\"contractNumber\":\"1234567\xff\",\"initialPassword\":\"Ab1!cd2#\"}");
        const auto bytes = server_->post(QStringLiteral("/api/v1/contract/login"), {}, raw);
        QCOMPARE(bytes.status, 400);
        QCOMPARE(bytes.errorCode(), QStringLiteral("INVALID_INPUT"));
        // over 64 KiB
        raw.rawBody = QByteArray("{\"csr\":\"") + QByteArray(70 * 1024, 'A') + "\"}";
        const auto big = server_->post(QStringLiteral("/api/v1/enrollment/issue"), {}, raw);
        QCOMPARE(big.status, 413);
        QCOMPARE(big.errorCode(), QStringLiteral("TOO_LARGE"));
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/nothing")).errorCode(), QStringLiteral("NOT_FOUND"));
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/api/v1/contract/login")).status, 405);
        QCOMPARE(server_->call(QStringLiteral("DELETE"), QStringLiteral("/healthz")).errorCode(),
                 QStringLiteral("METHOD_NOT_ALLOWED"));
        // and the server is still well
        QCOMPARE(server_->call(QStringLiteral("GET"), QStringLiteral("/healthz")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServerInputRules)
#include "TestServerInputRules.moc"
