// The wizard's font on Windows: Windows' Japanese UI fonts first, else a sans-serif family that
// writes Japanese, a JP one first (Noto Sans CJK JP under Wine), never a vertical-writing variant.
#include "pages/UiFont.h"

#include <QtTest>

using namespace enroll::client;

class TestUiFont : public QObject
{
    Q_OBJECT

private slots:
    void choice_data()
    {
        QTest::addColumn<QStringList>("installed");
        QTest::addColumn<QStringList>("japanese");
        QTest::addColumn<QString>("expected");
        const QStringList windows11{"Segoe UI", "Yu Gothic UI", "Yu Gothic", "Meiryo UI", "Meiryo", "MS UI Gothic", "@Yu Gothic UI"};
        QTest::newRow("Windows 10/11") << windows11 << QStringList{"@Yu Gothic UI", "Meiryo", "Meiryo UI", "Yu Gothic UI"}
                                       << "Yu Gothic UI";
        QTest::newRow("Windows 7 (no Yu Gothic)") << QStringList{"Segoe UI", "Meiryo", "meiryo ui", "MS UI Gothic"}
                                                  << QStringList{"Meiryo", "Meiryo UI", "MS UI Gothic"} << "Meiryo UI";
        QTest::newRow("only MS UI Gothic") << QStringList{"Tahoma", "MS UI Gothic"} << QStringList{"MS UI Gothic"}
                                           << "MS UI Gothic";
        QTest::newRow("Wine with Noto CJK") << QStringList{"Tahoma", "Noto Sans CJK HK", "Noto Serif CJK JP", "Noto Sans CJK JP"}
                                            << QStringList{"@Noto Sans CJK HK", "Noto Sans CJK HK", "Noto Serif CJK JP",
                                                           "Noto Sans CJK JP"}
                                            << "Noto Sans CJK JP";
        QTest::newRow("a Chinese sans before a Japanese serif") << QStringList{"Noto Sans CJK SC", "IPAMincho"}
                                                                << QStringList{"IPAMincho", "Noto Sans CJK SC"} << "Noto Sans CJK SC";
        QTest::newRow("only a serif Japanese font") << QStringList{"Tahoma", "IPAMincho"} << QStringList{"@IPAMincho", "IPAMincho"}
                                                    << "IPAMincho";
        QTest::newRow("no Japanese at all") << QStringList{"Tahoma", "Arial"} << QStringList{} << "";
    }
    void choice()
    {
        QFETCH(QStringList, installed);
        QFETCH(QStringList, japanese);
        QFETCH(QString, expected);
        QCOMPARE(preferredUiFamily(installed, japanese), expected);
    }
};

QTEST_GUILESS_MAIN(TestUiFont)
#include "TestUiFont.moc"
