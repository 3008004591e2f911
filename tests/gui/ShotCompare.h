// A screenshot against its committed baseline (docs/screenshots): what differs beyond the
// antialiasing of fonts, outside the areas whose content changes from run to run (times, serials,
// codes). Pure, so that it is unit-tested on drawn pictures (TestShotCompare).
#pragma once

#include <QImage>
#include <QList>
#include <QRect>
#include <QString>

namespace enroll::test {

struct ShotDifference
{
    QString problem;  // empty when the pictures agree
    int pixels = 0;   // pixels that differ by more than the tolerance
    QRect bounds;     // where they are
    QImage picture;   // the baseline greyed, the differing pixels red, the masked areas blue
};

struct ShotTolerance
{
    int channel = 64; // a pixel differs when a colour channel differs by more (antialiasing stays below)
    int pixels = 8;   // pictures differ when more pixels differ (one changed character is more)
};

// `masked`: rectangles in the pictures' pixels, ignored in both.
ShotDifference compareShots(const QImage& actual, const QImage& baseline, const QList<QRect>& masked,
                            ShotTolerance tolerance = {});

} // namespace enroll::test
