// The wizard's font on Windows. Its text is Japanese (the manual's wording, users' names), and
// Windows' own UI font (Segoe UI; Tahoma under Wine) has no Japanese: Qt then mixes fonts glyph by
// glyph, and under Wine the Latin text of input fields is not drawn at all. A Japanese UI font
// reads as Windows itself does in Japan.
#pragma once

#include <QString>
#include <QStringList>

namespace enroll::client {

// The family to use: the first of Windows' Japanese UI fonts that is installed (Yu Gothic UI,
// Meiryo UI, Meiryo, MS UI Gothic), else a sans-serif family that writes Japanese (a Japanese one,
// "… JP", before Chinese or Korean ones), else any that writes Japanese; empty when none does
// (the default font stays).
QString preferredUiFamily(const QStringList& installed, const QStringList& writingJapanese);

// On Windows: the application font becomes preferredUiFamily() of this PC, at the system's size.
// Elsewhere nothing changes (fontconfig already picks a Japanese font).
void applyUiFont();

} // namespace enroll::client
