#include "pages/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace enroll::client {

void installTranslations(Language language)
{
    // Source strings are English; Japanese (the default) and English both come from .qm files.
    static QTranslator own;
    static QTranslator qt;
    const auto tag = language == Language::English ? QStringLiteral("en") : QStringLiteral("ja");
    if (own.load(QStringLiteral(":/i18n/rokin-enroll_") + tag + QStringLiteral(".qm"))) {
        QCoreApplication::installTranslator(&own);
    }
    if (language == Language::Japanese &&
        qt.load(QLocale(QLocale::Japanese), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(&qt);
    }
}

} // namespace enroll::client
