#include "commands/cli.h"
#include "reportpdf.h"
#include "reports/reportwriters.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

int main(int argc, char **argv) {
    // PDF needs fonts and a painter: only `report` starts the GUI machinery, off screen, so
    // every other command runs where no display or font exists.
    bool pdf = false;
    for (int i = 1; i < argc; ++i)
        pdf = pdf || (qstrcmp(argv[i], "report") == 0);
    if (pdf && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app = pdf ? std::make_unique<QGuiApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("agrodesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgroDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AGRODESK_VERSION));
    if (pdf)
        agro::reports::setPdfWriter(&agro::render::writeReportPdf);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return agro::commands::runCli(QCoreApplication::arguments(), out, err);
}
