#pragma once

class QCoreApplication;

namespace agro::ui {

/// Installs the app's translations: today the English plural forms of tr("%n …") strings
/// (translations/agrodesk_en.ts). Returns false if they are missing from the build.
bool installTranslations(QCoreApplication &app);

} // namespace agro::ui
