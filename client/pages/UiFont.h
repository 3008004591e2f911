// The wizard's font. Its text is Japanese (the manual's wording, users' names), and Windows' own UI
// font (Segoe UI; Tahoma under Wine) has no Japanese: Qt then mixes fonts glyph by glyph (the step
// bar's ① from one font, its words from another), and under Wine the Latin text of input fields is
// not drawn at all. One Japanese UI font reads as Windows itself does in Japan.
#pragma once

#include <QString>
#include <QStringList>

namespace enroll::client {

// The family to use: the first of Windows' Japanese UI fonts that is installed (Yu Gothic UI,
// Meiryo UI, Meiryo, MS UI Gothic), else a sans-serif family that writes Japanese (a Japanese one,
// "… JP", before Chinese or Korean ones), else any that writes Japanese; empty when none does
// (the default font stays).
QString preferredUiFamily(const QStringList& installed, const QStringList& writingJapanese);

// The application font becomes preferredUiFamily() of this PC, at the system's size (on Linux the
// Japanese fontconfig family, e.g. Noto Sans CJK JP, for Latin text too: one font on every page).
void applyUiFont();

} // namespace enroll::client
