#pragma once

#include <QString>

namespace agro {

/// What went wrong, as a code the UI and CLI turn into words (core/common/errortext).
enum class ErrorCode {
    Io,                  ///< a file could not be read or written
    Database,            ///< SQLite reported an error
    SchemaTooNew,        ///< the workspace was written by a newer AgroDesk
    NotAWorkspace,       ///< the file is not an AgroDesk workspace
    Constraint,          ///< a write broke a rule of the schema
    NotFound,            ///< a referenced row does not exist
    InvalidArgument,     ///< a caller passed a value outside its domain
    Cancelled,           ///< the user cancelled a long operation
    CsvEmpty,            ///< the file is empty or holds only a header
    CsvEncoding,         ///< the file is not UTF-8
    CsvQuote,            ///< a quoted field is not terminated
    CsvColumnCount,      ///< a row has more or fewer fields than the header
    CsvMissingColumn,    ///< a required column is not in the header or mapping
    CsvBadDate,          ///< not an ISO 8601 date (YYYY-MM-DD)
    CsvBadNumber,        ///< not a number, or outside its allowed range
    CsvBadValue,         ///< a value outside the allowed set (category, flag…)
    CsvUnknownReference, ///< a SKU, farm, planting or sensor that the workspace does not know
    CsvDuplicateKey,     ///< the row's key is already in the file or the workspace
    PermissionDenied,    ///< the acting person's role does not allow this
    NeedsPrerequisite,   ///< something must exist first (e.g. a forecast run before proposals)
    BadSchema,           ///< a QC form definition (schema) is malformed
    Network,             ///< the sync server could not be reached, or TLS failed
    SignInRequired,      ///< the server wants a (new) sign-in
    ClockSkew,           ///< this computer's clock is too far from the server's
    SyncRefused,         ///< the server refused a sync request (its message says why)
    UnsafeLocation,      ///< the workspace is on a network or FAT file system
    WeakPassword,        ///< a new password fails the password rules (detail says which)
    SignInFailed,        ///< wrong user name or password
    SignInThrottled,     ///< too many wrong passwords: wait (detail: seconds)
    WorkspaceSignIn,     ///< the workspace asks who is using it
};

/// A core error: a code, plus where it happened. Never crosses the core/UI boundary as an
/// exception; the UI translates it (errorText()).
struct Error {
    ErrorCode code = ErrorCode::InvalidArgument;
    QString detail;  ///< technical detail (SQLite message, offending value), not for translation
    QString file;    ///< file being read, if any
    qint64 line = 0; ///< 1-based line in that file, 0 if none
    int column = 0;  ///< 1-based column number, 0 if none
    QString field;   ///< column or field name, if any

    static Error make(ErrorCode c, QString detail = {}) {
        Error e;
        e.code = c;
        e.detail = std::move(detail);
        return e;
    }
};

/// Human-readable, translated text for an error (through QCoreApplication::translate).
QString errorText(const Error &error);

} // namespace agro
