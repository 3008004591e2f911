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

    // The sentence names what the value lacks: 「記号が含まれていません。」
    void messages_nameTheMissingKind_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("rule");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("japanese");
        QTest::addColumn<QString>("english");
        QTest::newRow("no symbol") << static_cast<int>(Field::Password) << static_cast<int>(Rule::NeedsAllFourKinds)
                                   << "Pass1abcd" << "記号が含まれていません。" << " Missing: symbols.";
        QTest::newRow("lower and digits only") << static_cast<int>(Field::NewPassword)
                                               << static_cast<int>(Rule::NeedsAllFourKinds) << "abcd1234"
                                               << "英大文字・記号が含まれていません。" << " Missing: upper-case letters, symbols.";
        QTest::newRow("initial, upper only") << static_cast<int>(Field::InitialPassword)
                                             << static_cast<int>(Rule::NeedsAllFourKinds) << "ABCDEFGH"
                                             << "英小文字・数字・記号が含まれていません。"
                                             << " Missing: lower-case letters, digits, symbols.";
        QTest::newRow("user ID without digit") << static_cast<int>(Field::UserId)
                                               << static_cast<int>(Rule::NeedsLetterAndDigit) << "sample"
                                               << "数字が含まれていません。" << " Missing: digits.";
        QTest::newRow("user ID without letter") << static_cast<int>(Field::UserId)
                                                << static_cast<int>(Rule::NeedsLetterAndDigit) << "123456"
                                                << "英字が含まれていません。" << " Missing: letters.";
    }
    void messages_nameTheMissingKind()
    {
        QFETCH(int, field);
        QFETCH(int, rule);
        QFETCH(QString, value);
        QFETCH(QString, japanese);
        QFETCH(QString, english);
        const FieldError error{static_cast<Field>(field), static_cast<Rule>(rule)};
        const auto typed = value.toStdString();
        QCOMPARE(QString::fromStdString(ruleMessage(error, Language::Japanese, typed)),
                 QString::fromStdString(ruleMessage(error, Language::Japanese)) + japanese);
        QCOMPARE(QString::fromStdString(ruleMessage(error, Language::English, typed)),
                 QString::fromStdString(ruleMessage(error, Language::English)) + english);
    }

    // Other rules, and the server (which passes no value), get the sentence alone.
    void messages_withoutAMissingKind_areTheSentenceAlone()
    {
        const FieldError length{Field::Password, Rule::Length};
        QCOMPARE(ruleMessage(length, Language::Japanese, "Ab1!"), ruleMessage(length, Language::Japanese));
        const FieldError complete{Field::Password, Rule::NeedsAllFourKinds};
        QCOMPARE(ruleMessage(complete, Language::Japanese, "Ab1!abcd"), ruleMessage(complete, Language::Japanese));
        QVERIFY(missingKinds("Ab1!", Rule::Length).empty());
    }

    // The manual's 【入力項目説明】 for every typed field, in both languages; the password's names
    // the user-ID rule, which the manual leaves unsaid.
    void fieldRules_followTheManual()
    {
        for (auto field : kAllFields) {
            if (field == Field::Csr) {
                QVERIFY(fieldRuleText(field, Language::Japanese).empty()); // never typed
                continue;
            }
            QVERIFY(!fieldRuleText(field, Language::Japanese).empty());
            QVERIFY(!fieldRuleText(field, Language::English).empty());
        }
        QCOMPARE(QString::fromUtf8(fieldRuleText(Field::ContractNumber, Language::Japanese).data()),
                 QStringLiteral("半角数字8桁で入力します。"));
        QVERIFY(QString::fromUtf8(fieldRuleText(Field::Password, Language::Japanese).data())
                    .endsWith(QStringLiteral("ユーザーIDを含むパスワードは使用できません。")));
        QVERIFY(QString::fromUtf8(fieldRuleText(Field::Code, Language::Japanese).data()).contains(QStringLiteral("有効期限30分")));
    }

    void newPassword_charsetHasItsOwnSentence()
    {
        QCOMPARE(QString::fromStdString(ruleMessage({Field::NewPassword, Rule::Charset}, Language::Japanese)),
                 QStringLiteral("新しいパスワードは半角英数字・記号で入力してください。(全角文字や空白は使用できません)"));
    }

    void carrierWarning_inBothLanguages()
    {
        QVERIFY(QString::fromUtf8(mobileCarrierWarning(Language::Japanese).data()).contains(QStringLiteral("携帯電話")));
        QVERIFY(std::string(mobileCarrierWarning(Language::English)).find("mobile") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRuleText)
#include "TestRuleText.moc"
