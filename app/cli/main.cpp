#include "commands/cli.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("agrodesk-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("AgroDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AGRODESK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return agro::commands::runCli(QCoreApplication::arguments(), out, err);
}
