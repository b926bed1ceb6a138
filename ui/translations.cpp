#include "translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace agro::ui {

bool installTranslations(QCoreApplication &app) {
    // The source strings are English, so the English file holds only plural forms and applies
    // whatever the locale until other languages exist.
    auto *translator = new QTranslator(&app);
    if (!translator->load(QStringLiteral(":/i18n/agrodesk_en.qm"))) {
        delete translator;
        return false;
    }
    return QCoreApplication::installTranslator(translator);
}

} // namespace agro::ui
