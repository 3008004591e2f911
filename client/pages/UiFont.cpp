#include "pages/UiFont.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>

namespace enroll::client {

QString preferredUiFamily(const QStringList& installed, const QStringList& writingJapanese)
{
    for (const auto* windowsFamily : {"Yu Gothic UI", "Meiryo UI", "Meiryo", "MS UI Gothic"}) {
        const auto family = QString::fromLatin1(windowsFamily);
        if (installed.contains(family, Qt::CaseInsensitive)) {
            return family;
        }
    }
    // Han characters look different in Japanese, Chinese and Korean fonts: a JP one comes first
    QString sans;
    QString any;
    for (const auto& family : writingJapanese) {
        if (family.startsWith(QLatin1Char('@'))) { // vertical-writing variants
            continue;
        }
        const bool isSans = family.contains(QStringLiteral("Sans"), Qt::CaseInsensitive) ||
                            family.contains(QStringLiteral("Gothic"), Qt::CaseInsensitive);
        if (isSans && family.contains(QStringLiteral(" JP"))) {
            return family;
        }
        if (isSans && sans.isEmpty()) {
            sans = family;
        }
        if (any.isEmpty()) {
            any = family;
        }
    }
    return sans.isEmpty() ? any : sans;
}

void applyUiFont()
{
    const auto family = preferredUiFamily(QFontDatabase::families(), QFontDatabase::families(QFontDatabase::Japanese));
    if (!family.isEmpty()) {
        QFont font = QApplication::font();
        font.setFamilies({family});
        QApplication::setFont(font);
    }
}

} // namespace enroll::client
