// Request validation as both sides run it: one {field, rule} per failing field, in form order.
#include "enroll/Protocol.h"
#include "enroll/RuleText.h"

#include <QtTest>

using namespace enroll;
using namespace enroll::protocol;

namespace {

QString describe(const FieldErrors& errors)
{
    QStringList parts;
    for (const auto& e : errors) {
        parts << QString::fromStdString(std::string(wireName(e.field)) + ":" + std::string(wireName(e.rule)));
    }
    return parts.join(QLatin1Char(','));
}

RegistrationRequest makeRegistration(const char* userId, const char* password, const char* userName, const char* email)
{
    return {userId, SecureString(password), userName, email};
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void contractLogin()
    {
        QCOMPARE(describe(validate(ContractLoginRequest{"12345678", SecureString("Ab1!cd2#")})), QString());
        QCOMPARE(describe(validate(ContractLoginRequest{"1234567", SecureString("")})),
                 QStringLiteral("contractNumber:length,initialPassword:required"));
    }

    void registration_data()
    {
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("userName");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("errors");
        QTest::newRow("valid") << "sample001" << "Pass1!ab" << "労金　太郎" << "samplemail@sample.co.jp" << "";
        QTest::newRow("all empty") << "" << "" << "" << ""
                                   << "userId:required,password:required,userName:required,email:required";
        QTest::newRow("password contains user ID")
            << "sample001" << "Sample001!" << "労金" << "a@example.com" << "password:containsUserId";
        QTest::newRow("invalid user ID is not compared")
            << "sample" << "Xsample1!" << "労金" << "a@example.com" << "userId:needsLetterAndDigit";
        QTest::newRow("half-width name and bad e-mail")
            << "sample001" << "Pass1!ab" << "Taro" << "taro@localhost" << "userName:fullWidthOnly,email:format";
    }
    void registration()
    {
        QFETCH(QString, userId);
        QFETCH(QString, password);
        QFETCH(QString, userName);
        QFETCH(QString, email);
        QFETCH(QString, errors);
        const RegistrationRequest request{userId.toStdString(), SecureString(password.toStdString()),
                                          userName.toStdString(), email.toStdString()};
        QCOMPARE(describe(validate(request)), errors);
    }

    void registrationForm_confirmationsFollowTheirFields()
    {
        const auto request = makeRegistration("sample001", "Pass1!ab", "Taro", "a@example.com");
        QCOMPARE(describe(validateRegistrationForm(request, "Pass1!aB", "")),
                 QStringLiteral("passwordAgain:mismatch,userName:fullWidthOnly,emailAgain:required"));
        QCOMPARE(describe(validateRegistrationForm(makeRegistration("sample001", "Pass1!ab", "労金", "a@example.com"),
                                                   "Pass1!ab", "a@example.com")),
                 QString());
    }

    void authenticate_checksShapeOnly()
    {
        QCOMPARE(describe(validate(AuthenticateRequest{"sample001", SecureString("Sample001!")})), QString());
        QCOMPARE(describe(validate(AuthenticateRequest{"ab", SecureString("x")})),
                 QStringLiteral("userId:length,password:length"));
    }

    void verify_checksTheCode()
    {
        QCOMPARE(describe(validate(VerifyRequest{"id", SecureString("123456")})), QString());
        QCOMPARE(describe(validate(VerifyRequest{"id", SecureString("１２３４５６")})), QStringLiteral("code:charset"));
    }

    void profileChange_checksOnlyWhatIsPresent()
    {
        QCOMPARE(describe(validate(ProfileChangeRequest{std::nullopt, std::nullopt, SecureString("x")})), QString());
        QCOMPARE(describe(validate(ProfileChangeRequest{std::string("Taro"), std::string("bad"), SecureString()})),
                 QStringLiteral("userName:fullWidthOnly,email:format,password:required"));
    }

    void wireNames()
    {
        QCOMPARE(wireName(Role::Master), std::string_view("master"));
        QCOMPARE(wireName(Role::General), std::string_view("general"));
        QCOMPARE(wireName(UserState::Blocked), std::string_view("blocked"));
        QCOMPARE(path::kContractLogin, std::string_view("/api/v1/contract/login"));
    }

    void secureString_wipesOnClear()
    {
        SecureString secret("Pass1!ab");
        const char* data = secret.data();
        secret.clear();
        QCOMPARE(secret.size(), std::size_t{0});
        QCOMPARE(data[0], '\0'); // the buffer itself was overwritten, not only the length reset
        SecureString moved(SecureString("Code12"));
        QCOMPARE(moved.view(), std::string_view("Code12"));
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "TestProtocol.moc"
