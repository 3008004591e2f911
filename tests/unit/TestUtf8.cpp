// Strict UTF-8: what counts as one character, and what is refused.
#include "CaseCounter.h"

#include "enroll/Utf8.h"

#include <QtTest>

class TestUtf8 : public QObject
{
    Q_OBJECT
    enroll::test::CaseCounter counter_;

private slots:
    void init() { counter_.count(); }
    void cleanupTestCase() { counter_.report("utf-8"); }

    void decode_countsCodePoints_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("length"); // -1: refused
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("ascii") << QByteArray("abc") << 3;
        QTest::newRow("kanji is one") << QByteArray("労") << 1;
        QTest::newRow("ideographic space") << QByteArray("\u3000") << 1;
        QTest::newRow("emoji is one") << QByteArray("\U0001F600") << 1;
        QTest::newRow("highest code point") << QByteArray("\xf4\x8f\xbf\xbf") << 1;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << -1;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << -1;
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << -1;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << -1;
        QTest::newRow("stray continuation") << QByteArray("a\x80") << -1;
        QTest::newRow("truncated") << QByteArray("\xe5\x8a") << -1;
        QTest::newRow("invalid lead") << QByteArray("\xff") << -1;
        QTest::newRow("lead then ascii") << QByteArray("\xe5" "a" "b") << -1;
    }
    void decode_countsCodePoints()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, length);
        const auto decoded = enroll::utf8::decode(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        QCOMPARE(decoded ? static_cast<int>(decoded->size()) : -1, length);
    }

    void encode_roundTrips()
    {
        for (char32_t cp : {U'A', U'\u00e9', U'\u3000', U'\u52b4', U'\U0001F600', U'\U0010FFFF'}) {
            const auto decoded = enroll::utf8::decode(enroll::utf8::encode(cp));
            QVERIFY(decoded.has_value());
            QCOMPARE(decoded->size(), std::size_t{1});
            QCOMPARE(static_cast<quint32>(decoded->front()), static_cast<quint32>(cp));
        }
    }
};

QTEST_GUILESS_MAIN(TestUtf8)
#include "TestUtf8.moc"
