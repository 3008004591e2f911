// Japanese unless English is asked for (Accept-Language or a setting).
#include "enroll/Language.h"

#include <QtTest>

using namespace enroll;

class TestLanguage : public QObject
{
    Q_OBJECT

private slots:
    void fromTag_data()
    {
        QTest::addColumn<QString>("tags");
        QTest::addColumn<bool>("english");
        QTest::newRow("empty") << "" << false;
        QTest::newRow("ja") << "ja" << false;
        QTest::newRow("en") << "en" << true;
        QTest::newRow("en-US") << "en-US" << true;
        QTest::newRow("upper case") << "EN" << true;
        QTest::newRow("browser list, en first") << "en-US,en;q=0.9,ja;q=0.8" << true;
        QTest::newRow("browser list, ja first") << "ja,en-US;q=0.9,en;q=0.8" << false;
        QTest::newRow("en weighted below ja") << "en;q=0.5, ja" << false;
        QTest::newRow("other language only") << "fr-FR" << false;
        QTest::newRow("en refused") << "en;q=0" << false;
    }
    void fromTag()
    {
        QFETCH(QString, tags);
        QFETCH(bool, english);
        QCOMPARE(languageFromTag(tags.toStdString()) == Language::English, english);
    }
};

QTEST_GUILESS_MAIN(TestLanguage)
#include "TestLanguage.moc"
