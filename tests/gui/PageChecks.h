// What a clerk sees on a window, checked without a picture: each check walks the visible widgets of
// `window` and appends one line per problem to `problems`. checkPage (WizardDriver) runs them on
// every page of both builds; the software keyboard is checked on its own.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

class QWidget;

namespace enroll::test {

// What a button shows for `text`: Qt draws "&&" as "&", drops the "&" that marks a shortcut, and a
// lone "&" at the end as nothing.
[[nodiscard]] QString displayedText(const QString& text);

// Every control a screen reader must name has a name (fields and buttons a description too).
void findUnnamedControls(QWidget* window, const QString& path, QStringList* problems);
// No label or button is drawn smaller than its text needs (what scrolls is not cut).
void findClippedText(QWidget* window, QStringList* problems);
// Every visible button shows a label; a key of the software keyboard shows exactly its character
// (its property "character").
void findBlankButtons(QWidget* window, QStringList* problems);
// No two visible widgets that draw something (texts, fields, buttons, tables…) cover each other,
// where each is seen (inside the scroll area's view).
void findOverlaps(QWidget* window, QStringList* problems);
// An English page shows no Japanese (nor a full-width sign) outside what the user or the bank
// typed: fields, tables, and the widgets named in `dataWidgets` (user names, the employer).
void findJapanese(QWidget* window, const QStringList& dataWidgets, QStringList* problems);
// Every date or time a page shows is labelled as Japan time (`label`: 日本時間 / Japan time) in the
// same text; the values themselves are checked by the walks, in a zone that is not Japan's.
void findUnlabelledTimes(QWidget* window, const QString& label, QStringList* problems);
// WCAG 2.x contrast ratio of two colours (1 to 21).
[[nodiscard]] double contrastRatio(const QColor& a, const QColor& b);
// Text against what it is drawn on, from the palettes (and the colours a rich text names):
// at least 4.5:1 (WCAG AA) for every visible enabled text.
void findLowContrast(QWidget* window, QStringList* problems);

} // namespace enroll::test
