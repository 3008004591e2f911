// Every field and rule has a wire name that round-trips, and every failure a rule can report
// has a sentence in both languages that names the field, never an empty string.
#include "enroll/RuleText.h"

#include <QtTest>

using namespace enroll;

namespace {

constexpr Field kAllFields[] = {Field::ContractNumber, Field::InitialPassword, Field::UserId,  Field::Password,
                                Field::PasswordAgain,  Field::UserName,        Field::Email,   Field::EmailAgain,
                                Field::Code,           Field::Csr,             Field::NewPassword,
                                Field::NewPasswordAgain};
constexpr Rule kAllRules[] = {Rule::Required,          Rule::Encoding,      Rule::Charset,  Rule::Length,
                              Rule::NeedsLetterAndDigit, Rule::NeedsAllFourKinds, Rule::FullWidthOnly,
                              Rule::Mismatch,          Rule::Format,        Rule::ContainsUserId, Rule::KeyType,
                              Rule::Unchanged};

} // namespace

class TestRuleText : public QObject
{
    Q_OBJECT

private slots:
    void wireNames_roundTrip()
    {
        for (auto field : kAllFields) {
            QCOMPARE(fieldFromWire(wireName(field)), std::optional<Field>(field));
        }
        for (auto rule : kAllRules) {
            QCOMPARE(ruleFromWire(wireName(rule)), std::optional<Rule>(rule));
        }
        QCOMPARE(fieldFromWire("nope"), std::optional<Field>());
        QCOMPARE(ruleFromWire(""), std::optional<Rule>());
    }

    void wireNames_matchApi()
    {
        QCOMPARE(wireName(Field::UserId), std::string_view("userId"));
        QCOMPARE(wireName(Field::ContractNumber), std::string_view("contractNumber"));
        QCOMPARE(wireName(Rule::Length), std::string_view("length"));
        QCOMPARE(wireName(Rule::NeedsAllFourKinds), std::string_view("needsAllFourKinds"));
        QCOMPARE(wireName(Rule::FullWidthOnly), std::string_view("fullWidthOnly"));
    }

    void messages_existInBothLanguages()
    {
        for (auto field : kAllFields) {
            for (auto rule : kAllRules) {
                const auto ja = ruleMessage({field, rule}, Language::Japanese);
                const auto en = ruleMessage({field, rule}, Language::English);
                QVERIFY(!ja.empty());
                QVERIFY(!en.empty());
                QVERIFY2(ja != en, en.c_str());
            }
        }
    }

    void messages_followTheManual_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("rule");
        QTest::addColumn<QString>("japanese");
        auto add = [](const char* name, Field f, Rule r, const char* text) {
            QTest::newRow(name) << static_cast<int>(f) << static_cast<int>(r) << QString::fromUtf8(text);
        };
        add("contract number length", Field::ContractNumber, Rule::Length, "契約番号は半角数字8桁で入力してください。");
        add("user ID two kinds", Field::UserId, Rule::NeedsLetterAndDigit, "ユーザーIDは半角英、数字の2種必須です。");
        add("user ID length", Field::UserId, Rule::Length, "ユーザーIDは6～12桁で入力してください。");
        add("password four kinds", Field::Password, Rule::NeedsAllFourKinds,
            "パスワードは半角英大・小文字、数字、記号の4種必須です。(英字は大文字と小文字を区別します)");
        add("user name length", Field::UserName, Rule::Length, "ユーザー名は全角20文字以下で入力してください。");
        add("e-mail length", Field::Email, Rule::Length, "メールアドレスは半角英数50桁以下で入力してください。");
        add("code length", Field::Code, Rule::Length, "認証コードは半角数字6桁で入力してください。");
        add("required uses the label", Field::Email, Rule::Required, "メールアドレスを入力してください。");
    }
    void messages_followTheManual()
    {
        QFETCH(int, field);
        QFETCH(int, rule);
        QFETCH(QString, japanese);
        const auto text = ruleMessage({static_cast<Field>(field), static_cast<Rule>(rule)}, Language::Japanese);
        QCOMPARE(QString::fromStdString(text), japanese);
    }

    void carrierWarning_inBothLanguages()
    {
        QVERIFY(QString::fromUtf8(mobileCarrierWarning(Language::Japanese).data()).contains(QStringLiteral("携帯電話")));
        QVERIFY(std::string(mobileCarrierWarning(Language::English)).find("mobile") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRuleText)
#include "TestRuleText.moc"
