#include "error.h"

#include <QCoreApplication>

namespace agro {

namespace {
QString codeText(ErrorCode code) {
    const char *ctx = "agro::Error";
    switch (code) {
    case ErrorCode::Io:
        return QCoreApplication::translate(ctx, "The file could not be read or written");
    case ErrorCode::Database:
        return QCoreApplication::translate(ctx, "The workspace database reported an error");
    case ErrorCode::SchemaTooNew:
        return QCoreApplication::translate(
            ctx, "The workspace was written by a newer AgroDesk; update AgroDesk to open it");
    case ErrorCode::NotAWorkspace:
        return QCoreApplication::translate(ctx, "The file is not an AgroDesk workspace");
    case ErrorCode::Constraint:
        return QCoreApplication::translate(ctx, "The change breaks a rule of the workspace");
    case ErrorCode::NotFound:
        return QCoreApplication::translate(ctx, "The record was not found");
    case ErrorCode::InvalidArgument:
        return QCoreApplication::translate(ctx, "Invalid value");
    case ErrorCode::Cancelled:
        return QCoreApplication::translate(ctx, "Cancelled; nothing was changed");
    case ErrorCode::CsvEmpty:
        return QCoreApplication::translate(ctx, "The file has no data rows");
    case ErrorCode::CsvEncoding:
        return QCoreApplication::translate(ctx, "The file is not valid UTF-8 text");
    case ErrorCode::CsvQuote:
        return QCoreApplication::translate(ctx, "A quoted value is not closed");
    case ErrorCode::CsvColumnCount:
        return QCoreApplication::translate(ctx, "The row has a different number of values "
                                                "than the header");
    case ErrorCode::CsvMissingColumn:
        return QCoreApplication::translate(ctx, "A required column is missing");
    case ErrorCode::CsvBadDate:
        return QCoreApplication::translate(ctx, "Not a date in the form YYYY-MM-DD");
    case ErrorCode::CsvBadNumber:
        return QCoreApplication::translate(ctx, "Not a valid number");
    case ErrorCode::CsvBadValue:
        return QCoreApplication::translate(ctx, "Value not allowed");
    case ErrorCode::CsvUnknownReference:
        return QCoreApplication::translate(ctx, "Refers to something the workspace does not "
                                                "have");
    case ErrorCode::CsvDuplicateKey:
        return QCoreApplication::translate(ctx, "Duplicate: the same key is already in the file "
                                                "or in the workspace");
    case ErrorCode::PermissionDenied:
        return QCoreApplication::translate(ctx, "Not allowed for your role");
    case ErrorCode::NeedsPrerequisite:
        return QCoreApplication::translate(ctx, "Something else must be done first");
    case ErrorCode::BadSchema:
        return QCoreApplication::translate(ctx, "The inspection form definition is not valid");
    case ErrorCode::Network:
        return QCoreApplication::translate(ctx, "Cannot reach the sync server");
    case ErrorCode::SignInRequired:
        return QCoreApplication::translate(ctx, "Sign in to the sync server");
    case ErrorCode::ClockSkew:
        return QCoreApplication::translate(ctx, "This computer's clock is wrong");
    case ErrorCode::SyncRefused:
        return QCoreApplication::translate(ctx, "The sync server refused the request");
    case ErrorCode::UnsafeLocation:
        return QCoreApplication::translate(
            ctx, "The workspace is on a network or FAT file system, where file locking is not "
                 "reliable: two programs could write it at once and damage it. Move it to a "
                 "local disk (sync shares it with others)");
    case ErrorCode::WeakPassword:
        return QCoreApplication::translate(ctx, "The password is too easy to guess");
    case ErrorCode::SignInFailed:
        return QCoreApplication::translate(ctx, "Wrong user name or password");
    case ErrorCode::WorkspaceSignIn:
        return QCoreApplication::translate(ctx, "This workspace asks who is using it: sign in");
    case ErrorCode::SignInThrottled:
        return QCoreApplication::translate(
            ctx, "Too many wrong passwords; wait before trying again (seconds left)");
    }
    return QCoreApplication::translate(ctx, "Unknown error");
}
} // namespace

QString errorText(const Error &error) {
    QString where;
    if (!error.file.isEmpty()) {
        where = error.file;
        if (error.line > 0)
            where += QStringLiteral(":") + QString::number(error.line);
        if (error.column > 0)
            where += QStringLiteral(":") + QString::number(error.column);
        where += QStringLiteral(": ");
    }
    QString text = where + codeText(error.code);
    if (!error.field.isEmpty())
        text += error.code == ErrorCode::BadSchema
                    ? QCoreApplication::translate("agro::Error", " (at %1)").arg(error.field)
                    : QCoreApplication::translate("agro::Error", " (column “%1”)").arg(error.field);
    if (!error.detail.isEmpty())
        text += QStringLiteral(": ") + error.detail;
    return text;
}

} // namespace agro
