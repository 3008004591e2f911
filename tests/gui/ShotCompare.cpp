#include "ShotCompare.h"

#include <QPainter>

#include <cstdlib>

namespace enroll::test {

namespace {

bool differs(QRgb a, QRgb b, int channel)
{
    return std::abs(qRed(a) - qRed(b)) > channel || std::abs(qGreen(a) - qGreen(b)) > channel ||
           std::abs(qBlue(a) - qBlue(b)) > channel || std::abs(qAlpha(a) - qAlpha(b)) > channel;
}

} // namespace

ShotDifference compareShots(const QImage& actual, const QImage& baseline, const QList<QRect>& masked, ShotTolerance tolerance)
{
    ShotDifference result;
    if (baseline.isNull()) {
        result.problem = QStringLiteral("no baseline picture");
        return result;
    }
    if (actual.size() != baseline.size()) {
        result.problem = QStringLiteral("the picture is %1x%2, its baseline %3x%4")
                             .arg(actual.width())
                             .arg(actual.height())
                             .arg(baseline.width())
                             .arg(baseline.height());
        result.picture = actual.convertToFormat(QImage::Format_ARGB32);
        return result;
    }
    const auto a = actual.convertToFormat(QImage::Format_ARGB32);
    const auto b = baseline.convertToFormat(QImage::Format_ARGB32);
    QImage mask(a.size(), QImage::Format_Grayscale8);
    mask.fill(0);
    {
        QPainter painter(&mask);
        for (const auto& rect : masked) {
            painter.fillRect(rect, Qt::white);
        }
    }
    result.picture = b.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < a.height(); ++y) {
        const auto* lineA = reinterpret_cast<const QRgb*>(a.constScanLine(y));
        const auto* lineB = reinterpret_cast<const QRgb*>(b.constScanLine(y));
        const auto* lineMask = mask.constScanLine(y);
        auto* out = reinterpret_cast<QRgb*>(result.picture.scanLine(y));
        for (int x = 0; x < a.width(); ++x) {
            if (lineMask[x] != 0) {
                out[x] = qRgb(160, 190, 255);
            } else if (differs(lineA[x], lineB[x], tolerance.channel)) {
                out[x] = qRgb(255, 0, 0);
                ++result.pixels;
                result.bounds |= QRect(x, y, 1, 1);
            }
        }
    }
    if (result.pixels > tolerance.pixels) {
        result.problem = QStringLiteral("%1 pixels differ from the baseline, within %2,%3 %4x%5")
                             .arg(result.pixels)
                             .arg(result.bounds.x())
                             .arg(result.bounds.y())
                             .arg(result.bounds.width())
                             .arg(result.bounds.height());
    }
    return result;
}

} // namespace enroll::test
