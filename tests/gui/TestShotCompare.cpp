// compareShots on pictures drawn here: what a one-word change to a page is found as, and what the
// antialiasing of fonts, a few stray pixels and the masked (changing) areas are not.
#include "ShotCompare.h"

#include <QPainter>
#include <QtTest>

using enroll::test::compareShots;

namespace {

QImage page(const QString& text, int shade = 0)
{
    QImage image(400, 120, QImage::Format_ARGB32);
    image.fill(QColor(245, 245, 245));
    QPainter painter(&image);
    painter.setPen(QColor(shade, shade, shade));
    QFont font;
    font.setPixelSize(16);
    painter.setFont(font);
    painter.drawText(QRect(10, 10, 380, 30), Qt::AlignLeft, text);
    painter.fillRect(QRect(10, 60, 120, 30), QColor(0, 90, 160)); // a button
    return image;
}

} // namespace

class TestShotCompare : public QObject
{
    Q_OBJECT

private slots:
    void samePicture_agrees()
    {
        const auto picture = page(QStringLiteral("Please enter the code."));
        const auto difference = compareShots(picture, picture, {});
        QVERIFY2(difference.problem.isEmpty(), qPrintable(difference.problem));
        QCOMPARE(difference.pixels, 0);
    }

    void oneWordChanged_differs()
    {
        const auto difference =
            compareShots(page(QStringLiteral("Please enter the code.")), page(QStringLiteral("Please enter the number.")), {});
        QVERIFY(!difference.problem.isEmpty());
        QVERIFY2(difference.pixels > 8, qPrintable(QString::number(difference.pixels)));
        QVERIFY(difference.bounds.intersects(QRect(10, 10, 380, 30)));
        QCOMPARE(difference.picture.size(), QSize(400, 120));
        int red = 0;
        for (int y = 0; y < difference.picture.height(); ++y) {
            for (int x = 0; x < difference.picture.width(); ++x) {
                red += difference.picture.pixel(x, y) == qRgb(255, 0, 0) ? 1 : 0;
            }
        }
        QCOMPARE(red, difference.pixels);
    }

    // text a shade lighter everywhere (another antialiasing) is not a change
    void antialiasingShade_agrees()
    {
        const auto difference = compareShots(page(QStringLiteral("Please enter the code."), 0),
                                             page(QStringLiteral("Please enter the code."), 40), {});
        QVERIFY2(difference.problem.isEmpty(), qPrintable(difference.problem));
    }

    // a few stray pixels (a rounding in a gradient) are not a change; one changed letter is
    void strayPixels_agree_oneLetter_differs()
    {
        auto stray = page(QStringLiteral("Please enter the code."));
        QPainter(&stray).fillRect(QRect(200, 100, 6, 1), Qt::black);
        const auto difference = compareShots(stray, page(QStringLiteral("Please enter the code.")), {});
        QVERIFY2(difference.problem.isEmpty(), qPrintable(difference.problem));
        QCOMPARE(difference.pixels, 6);
        QVERIFY(!compareShots(page(QStringLiteral("Please enter the code.")), page(QStringLiteral("Please enter the node.")), {})
                     .problem.isEmpty());
    }

    void changeInsideTheMask_agrees()
    {
        const auto difference = compareShots(page(QStringLiteral("Valid until 2026/12/07 10:00")),
                                             page(QStringLiteral("Valid until 2027/01/31 23:59")), {QRect(5, 5, 390, 40)});
        QVERIFY2(difference.problem.isEmpty(), qPrintable(difference.problem));
        QCOMPARE(difference.pixels, 0);
        QCOMPARE(difference.picture.pixel(20, 20), qRgb(160, 190, 255));
    }

    void otherSize_differs()
    {
        const auto picture = page(QStringLiteral("x"));
        const auto difference = compareShots(picture, picture.copy(0, 0, 400, 100), {});
        QCOMPARE(difference.problem, QStringLiteral("the picture is 400x120, its baseline 400x100"));
    }

    void noBaseline_differs()
    {
        QCOMPARE(compareShots(page(QStringLiteral("x")), QImage(), {}).problem, QStringLiteral("no baseline picture"));
    }
};

QTEST_MAIN(TestShotCompare)
#include "TestShotCompare.moc"
