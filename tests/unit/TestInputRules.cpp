// Every input rule of SPEC §2, table-driven: boundaries, each missing character kind, full-width
// and half-width mix-ups, blanks, emoji, invalid UTF-8, and the mobile-carrier warning.
#include "CaseCounter.h"

#include "enroll/InputRules.h"

#include <QtTest>

using enroll::Rule;
using enroll::RuleCheck;


namespace {

constexpr int kValid = -1;

std::string bytes(const QByteArray& b)
{
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

QByteArray u8(const char* s)
{
    return QByteArray(s);
}

QByteArray repeat(const char* unit, int times)
{
    QByteArray out;
    for (int i = 0; i < times; ++i) {
        out += unit;
    }
    return out;
}

void row(const char* name, const QByteArray& value, int expected)
{
    QTest::newRow(name) << value << expected;
}

void row(const char* name, const QByteArray& value, Rule expected)
{
    row(name, value, static_cast<int>(expected));
}

void compareRule(RuleCheck actual, int expected)
{
    const int got = actual ? static_cast<int>(*actual) : kValid;
    QCOMPARE(got, expected);
}

} // namespace

class TestInputRules : public QObject
{
    Q_OBJECT

private:
    enroll::test::CaseCounter counter_;

    static void columns()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("expected");
    }

private slots:
    void init() { counter_.count(); }
    void cleanupTestCase() { counter_.report("input rules"); }

    void contractNumber_data()
    {
        columns();
        row("8 digits", "12345678", kValid);
        row("all zeros", "00000000", kValid);
        row("7 digits", "1234567", Rule::Length);
        row("9 digits", "123456789", Rule::Length);
        row("empty", "", Rule::Required);
        row("full-width digits", u8("１２３４５６７８"), Rule::Charset);
        row("one full-width digit", u8("1234567８"), Rule::Charset);
        row("letter", "1234567a", Rule::Charset);
        row("hyphen", "1234-5678", Rule::Charset);
        row("leading space", " 12345678", Rule::Charset);
        row("trailing space", "12345678 ", Rule::Charset);
        row("ideographic space", u8("12345678\u3000"), Rule::Charset);
        row("invalid UTF-8", QByteArray("1234567\xff", 8), Rule::Encoding);
        row("arabic-indic digits", u8("١٢٣٤٥٦٧٨"), Rule::Charset);
    }
    void contractNumber()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkContractNumber(bytes(value)), expected);
    }

    void initialPassword_data()
    {
        columns();
        row("all four kinds", "Ab1!cd2#", kValid);
        row("symbol first", "#aB3defg", kValid);
        row("case-sensitive mix", "zZ9~zZ9~", kValid);
        row("7 characters", "Ab1!cd2", Rule::Length);
        row("9 characters", "Ab1!cd2#e", Rule::Length);
        row("no upper case", "ab1!cd2#", Rule::NeedsAllFourKinds);
        row("no lower case", "AB1!CD2#", Rule::NeedsAllFourKinds);
        row("no digit", "Abc!cde#", Rule::NeedsAllFourKinds);
        row("no symbol", "Ab1cd2ef", Rule::NeedsAllFourKinds);
        row("empty", "", Rule::Required);
        row("space inside", "Ab1 cd2#", Rule::Charset);
        row("full-width letter", u8("Ａb1!cd2#"), Rule::Charset);
        row("full-width digit", u8("Ab１!cd2#"), Rule::Charset);
        row("invalid UTF-8", QByteArray("Ab1!cd2\xc3", 8), Rule::Encoding);
    }
    void initialPassword()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkInitialPassword(bytes(value)), expected);
    }

    void userId_data()
    {
        columns();
        row("6 characters", "abc123", kValid);
        row("12 characters", "sample001abc", kValid);
        row("manual example", "sample001", kValid);
        row("upper case", "SAMPLE1", kValid);
        row("one letter", "12345a", kValid);
        row("one digit", "abcde1", kValid);
        row("5 characters", "abc12", Rule::Length);
        row("13 characters", "sample001abcd", Rule::Length);
        row("letters only", "abcdefg", Rule::NeedsLetterAndDigit);
        row("digits only", "1234567", Rule::NeedsLetterAndDigit);
        row("underscore", "sample_01", Rule::Charset);
        row("full-width digit", u8("sample００１"), Rule::Charset);
        row("full-width letter", u8("ｓample001"), Rule::Charset);
        row("leading space", " sample001", Rule::Charset);
        row("trailing space", "sample001 ", Rule::Charset);
        row("empty", "", Rule::Required);
        row("kana", u8("さんぷる001"), Rule::Charset);
        row("emoji", u8("sample01\U0001F600"), Rule::Charset);
        row("invalid UTF-8", QByteArray("sample\x80\x31", 8), Rule::Encoding);
    }
    void userId()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkUserId(bytes(value)), expected);
    }

    void password_data()
    {
        columns();
        row("8 characters", "Pass1!ab", kValid);
        row("12 characters", "Pass1!abcdef", kValid);
        row("every symbol kind", "Aa1!\"#$%&'()", kValid);
        row("tilde and braces", "Aa1~{}|`^_", kValid);
        row("7 characters", "Pass1!a", Rule::Length);
        row("13 characters", "Pass1!abcdefg", Rule::Length);
        row("no upper case", "pass1!ab", Rule::NeedsAllFourKinds);
        row("no lower case", "PASS1!AB", Rule::NeedsAllFourKinds);
        row("no digit", "Pass!!ab", Rule::NeedsAllFourKinds);
        row("no symbol", "Pass12ab", Rule::NeedsAllFourKinds);
        row("empty", "", Rule::Required);
        row("space", "Pass1! ab", Rule::Charset);
        row("leading space", " Pass1!ab", Rule::Charset);
        row("full-width symbol", u8("Pass1！ab"), Rule::Charset);
        row("full-width digit", u8("Pass１!ab"), Rule::Charset);
        row("ideographic space", u8("Pass1!a\u3000b"), Rule::Charset);
        row("tab", "Pass1!\tab", Rule::Charset);
        row("emoji", u8("Pass1!ab\U0001F511"), Rule::Charset);
        row("invalid UTF-8", QByteArray("Pass1!a\xe3\x81", 9), Rule::Encoding);
    }
    void password()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkPassword(bytes(value), ""), expected);
    }

    void passwordAndUserId_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("userId");
        QTest::addColumn<int>("expected");
        QTest::newRow("unrelated") << u8("Pass1!ab") << u8("sample001") << kValid;
        QTest::newRow("contains user ID") << u8("Xabc123!") << u8("abc123") << static_cast<int>(Rule::ContainsUserId);
        QTest::newRow("contains user ID, other case")
            << u8("ABC123!x") << u8("abc123") << static_cast<int>(Rule::ContainsUserId);
        QTest::newRow("user ID at the end") << u8("!Zsample001") << u8("sample001")
                                            << static_cast<int>(Rule::ContainsUserId);
        QTest::newRow("shares a part only") << u8("Abc12!xy") << u8("abc123") << kValid;
        QTest::newRow("no user ID known") << u8("Xabc123!") << u8("") << kValid;
        QTest::newRow("length rule first") << u8("abc123") << u8("abc123") << static_cast<int>(Rule::Length);
    }
    void passwordAndUserId()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, userId);
        QFETCH(int, expected);
        compareRule(enroll::checkPassword(bytes(password), bytes(userId)), expected);
    }

    void userName_data()
    {
        columns();
        row("manual example", u8("労金　太郎"), kValid);
        row("one kanji", u8("労"), kValid);
        row("20 full-width", repeat("あ", 20), kValid);
        row("21 full-width", repeat("あ", 21), Rule::Length);
        row("20 kanji", repeat("金", 20), kValid);
        row("21 kanji", repeat("金", 21), Rule::Length);
        row("katakana with long mark", u8("ロウキン　タロー"), kValid);
        row("full-width Latin and digits", u8("ＲＯＫＩＮ１２３"), kValid);
        row("full-width symbols", u8("（株）労金・総務"), kValid);
        row("ideographic space inside", u8("山田\u3000花子"), kValid);
        row("empty", "", Rule::Required);
        row("only ideographic spaces", u8("\u3000\u3000"), Rule::Required);
        row("ASCII letters", "Taro Rokin", Rule::FullWidthOnly);
        row("ASCII digit inside", u8("労金1"), Rule::FullWidthOnly);
        row("ASCII space inside", u8("労金 太郎"), Rule::FullWidthOnly);
        row("leading ASCII space", u8(" 労金太郎"), Rule::FullWidthOnly);
        row("trailing ASCII space", u8("労金太郎 "), Rule::FullWidthOnly);
        row("half-width katakana", u8("ﾛｳｷﾝ"), Rule::FullWidthOnly);
        row("half-width katakana mixed", u8("労金ﾀﾛｳ"), Rule::FullWidthOnly);
        row("emoji", u8("労金\U0001F600"), Rule::FullWidthOnly);
        row("non-BMP kanji", u8("\U00020BB7田"), Rule::FullWidthOnly);
        row("combining voiced mark", u8("か\u3099"), Rule::FullWidthOnly);
        row("invalid UTF-8", QByteArray("\xe5\x8a", 2), Rule::Encoding);
        row("overlong encoding", QByteArray("\xc0\xaf", 2), Rule::Encoding);
        row("surrogate encoded", QByteArray("\xed\xa0\x80", 3), Rule::Encoding);
        row("control character", u8("労金\t太郎"), Rule::FullWidthOnly);
    }
    void userName()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkUserName(bytes(value)), expected);
    }

    void email_data()
    {
        columns();
        row("manual example", "samplemail@sample.co.jp", kValid);
        row("plus and dots", "taro.rokin+pay@example.com", kValid);
        row("subdomain", "a@mail.rokin.or.jp", kValid);
        row("hyphen in domain", "a@rokin-bank.jp", kValid);
        row("50 characters", repeat("a", 38) + "@example.com", kValid);
        row("51 characters", repeat("a", 39) + "@example.com", Rule::Length);
        row("empty", "", Rule::Required);
        row("no at sign", "samplemail.sample.co.jp", Rule::Format);
        row("two at signs", "a@b@example.com", Rule::Format);
        row("no dot in domain", "taro@localhost", Rule::Format);
        row("empty local part", "@example.com", Rule::Format);
        row("empty domain", "taro@", Rule::Format);
        row("leading dot", ".taro@example.com", Rule::Format);
        row("double dot", "ta..ro@example.com", Rule::Format);
        row("dot before at", "taro.@example.com", Rule::Format);
        row("domain label with leading hyphen", "taro@-example.com", Rule::Format);
        row("domain ends with dot", "taro@example.com.", Rule::Format);
        row("numeric top-level", "taro@192.168.0.1", Rule::Format);
        row("comma", "taro,x@example.com", Rule::Format);
        row("space inside", "taro rokin@example.com", Rule::Charset);
        row("leading space", " taro@example.com", Rule::Charset);
        row("trailing space", "taro@example.com ", Rule::Charset);
        row("full-width at sign", u8("taro＠example.com"), Rule::Charset);
        row("full-width letters", u8("ｔａｒｏ@example.com"), Rule::Charset);
        row("kana domain", u8("taro@ろうきん.jp"), Rule::Charset);
        row("invalid UTF-8", QByteArray("taro\xff@example.com", 17), Rule::Encoding);
        row("carrier address is valid", "taro@docomo.ne.jp", kValid);
    }
    void email()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkEmail(bytes(value)), expected);
    }

    void emailAgain_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("again");
        QTest::addColumn<int>("expected");
        QTest::newRow("same") << u8("a@example.com") << u8("a@example.com") << kValid;
        QTest::newRow("differs") << u8("a@example.com") << u8("b@example.com") << static_cast<int>(Rule::Mismatch);
        QTest::newRow("differs in case") << u8("A@example.com") << u8("a@example.com")
                                         << static_cast<int>(Rule::Mismatch);
        QTest::newRow("trailing space") << u8("a@example.com") << u8("a@example.com ")
                                        << static_cast<int>(Rule::Mismatch);
        QTest::newRow("again empty") << u8("a@example.com") << u8("") << static_cast<int>(Rule::Required);
        QTest::newRow("password differs in case") << u8("Pass1!ab") << u8("pass1!ab")
                                                  << static_cast<int>(Rule::Mismatch);
    }
    void emailAgain()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, again);
        QFETCH(int, expected);
        compareRule(enroll::checkAgain(bytes(first), bytes(again)), expected);
    }

    void oneTimeCode_data()
    {
        columns();
        row("6 digits", "012345", kValid);
        row("5 digits", "01234", Rule::Length);
        row("7 digits", "0123456", Rule::Length);
        row("empty", "", Rule::Required);
        row("full-width digits", u8("０１２３４５"), Rule::Charset);
        row("letter", "01234a", Rule::Charset);
        row("space inside", "012 345", Rule::Charset);
        row("trailing space", "012345 ", Rule::Charset);
    }
    void oneTimeCode()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        compareRule(enroll::checkOneTimeCode(bytes(value)), expected);
    }

    void mobileCarrier_data()
    {
        QTest::addColumn<QByteArray>("email");
        QTest::addColumn<bool>("carrier");
        QTest::newRow("docomo") << u8("taro@docomo.ne.jp") << true;
        QTest::newRow("ezweb") << u8("taro@ezweb.ne.jp") << true;
        QTest::newRow("au.com") << u8("taro@au.com") << true;
        QTest::newRow("softbank") << u8("taro@softbank.ne.jp") << true;
        QTest::newRow("i.softbank") << u8("taro@i.softbank.jp") << true;
        QTest::newRow("ymobile") << u8("taro@ymobile.ne.jp") << true;
        QTest::newRow("upper-case domain") << u8("taro@DOCOMO.NE.JP") << true;
        QTest::newRow("subdomain") << u8("taro@di.pdx.ne.jp") << true;
        QTest::newRow("office address") << u8("taro@sample.co.jp") << false;
        QTest::newRow("look-alike suffix") << u8("taro@notdocomo.ne.jp") << false;
        QTest::newRow("carrier name in local part") << u8("docomo.ne.jp@example.com") << false;
        QTest::newRow("gmail") << u8("taro@gmail.com") << false;
    }
    void mobileCarrier()
    {
        QFETCH(QByteArray, email);
        QFETCH(bool, carrier);
        QCOMPARE(enroll::isMobileCarrierAddress(bytes(email)), carrier);
    }

    void maskEmail_data()
    {
        QTest::addColumn<QByteArray>("email");
        QTest::addColumn<QByteArray>("masked");
        QTest::newRow("manual example") << u8("samplemail@sample.co.jp") << u8("s***@sample.co.jp");
        QTest::newRow("one letter") << u8("a@example.com") << u8("a***@example.com");
        QTest::newRow("not an address") << u8("nothing") << u8("***");
    }
    void maskEmail()
    {
        QFETCH(QByteArray, email);
        QFETCH(QByteArray, masked);
        QCOMPARE(QByteArray::fromStdString(enroll::maskEmail(bytes(email))), masked);
    }
};

QTEST_GUILESS_MAIN(TestInputRules)
#include "TestInputRules.moc"
