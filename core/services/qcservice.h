#pragma once

#include "actor.h"
#include "common/result.h"
#include "qc/qcrules.h"
#include "qc/qcschema.h"
#include "store/sqlite.h"

#include <QCoroTask>
#include <QDateTime>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace agro::services {

/// A category with the inspection form it uses today.
struct CategoryForm {
    QString categoryId, categoryName, kind, farmId;
    int version = 0;     ///< 0: the category has no form yet
    bool stored = false; ///< false: the built-in schema of its kind, not yet saved as a version
    qc::Schema schema;
};

/// Every category and its current form (the latest stored version, else the built-in schema
/// of its kind, else none).
Result<std::vector<CategoryForm>> categoryForms(store::Connection &db);
Result<CategoryForm> categoryForm(store::Connection &db, const QString &categoryId);
/// The schema an inspection was filled with (its category and version).
Result<qc::Schema> schemaVersion(store::Connection &db, const QString &categoryId, int version);

/// Saves an edited form as the category's next version (owners and managers; the JSON is
/// checked by the loader first, and nothing is written when it is refused). Returns the version.
Result<int> saveCategoryForm(store::Connection &db, const Actor &actor, const QString &categoryId,
                             const QByteArray &schemaJson);
/// A new category (kind "other") with its first form; returns its id.
Result<QString> createCategory(store::Connection &db, const Actor &actor, const QString &name,
                               const QByteArray &schemaJson);

struct LotInfo {
    QString id, batch, productId, productName, sku, categoryId, farmId, farmName, supplier, status;
    QDate producedOn, expiresOn;
    double quantity = 0;
};
/// Lots waiting for inspection first (never inspected), then the latest; at most `limit`.
Result<std::vector<LotInfo>> lotsForInspection(store::Connection &db, const QString &search,
                                               int limit = 200);
Result<LotInfo> lot(store::Connection &db, const QString &lotId);
/// Who handles lots on a farm — inspects them and registers them: owners, managers, inspectors.
bool mayInspect(const QString &role);

/// A product's stock in lots: sellable (available, not expired) and not (held, rejected).
struct LotStock {
    double sellable = 0, held = 0, rejected = 0;
};
Result<LotStock> lotStock(store::Connection &db, const QString &productId, const QDate &on);

/// A photo copied into the workspace with its inspection (schema v8). An inspection's value for
/// a photo field is then "qc-photo:<id>"; the file it came from may move or vanish.
struct StoredPhoto {
    QString id, inspectionId, fieldKey, fileName, mime, sha256;
    QByteArray data;
};
inline constexpr qint64 kMaxPhotoBytes = 16 * 1024 * 1024;
inline QString photoReference(const QString &photoId) {
    return QStringLiteral("qc-photo:") + photoId;
}
/// The photo id of a "qc-photo:<id>" value; empty for anything else (a file path).
QString photoIdOf(const QString &value);
Result<StoredPhoto> storedPhoto(store::Connection &db, const QString &photoId);

struct InspectionRequest {
    QString lotId;
    QJsonObject values;
    QString notes;
    /// An inspector's different verdict ("pass", "hold", "fail"), with the reason; empty: the
    /// rules decide.
    QString overrideDisposition;
    QString overrideReason;
    QString draftId; ///< removed once the inspection is recorded
    // Photo fields hold a file path (copied into the workspace on recording: JPEG, PNG or HEIC,
    // at most kMaxPhotoBytes) or the reference of a photo already stored.
    QDateTime at; ///< default now
};
struct InspectionOutcome {
    QString inspectionId;
    QString disposition;     ///< recorded (the override's, if any)
    QString ruleDisposition; ///< what the rules said
    QString ruleId, ruleMessage;
    QString lotStatus;
};
/// Records an inspection of a lot with its category's current form: the values must be
/// complete and valid (else InvalidArgument naming the field and nothing is written); the
/// rules decide pass / hold / fail unless overridden with a reason; the lot becomes available,
/// held or rejected accordingly. Owners, managers and inspectors of the lot's farm may inspect.
/// Audited.
Result<InspectionOutcome> recordInspection(store::Connection &db, const Actor &actor,
                                           const InspectionRequest &request);

struct Draft {
    QString id, categoryId, lotId, notes;
    QJsonObject values;
    QDateTime updatedAt;
};
/// Saves (creates or replaces) a draft; local to this workspace file.
Result<void> saveDraft(store::Connection &db, const Draft &draft);
Result<void> discardDraft(store::Connection &db, const QString &draftId);
/// The most recently edited draft, if any (what the form restores after a crash).
Result<std::optional<Draft>> latestDraft(store::Connection &db);

struct InspectionFilter {
    QString lotId, productId, supplier, farmId, inspector, disposition, categoryId;
    QDate from, to;
    int limit = 5000;
};
struct InspectionRow {
    QString id, lotId, batch, productName, supplier, farmName, categoryName, inspector;
    QDateTime at;
    QString disposition, ruleDisposition, ruleId, decidedBy, overrideReason, notes;
    int schemaVersion = 1;
    QJsonObject values;
};
/// Newest first.
Result<std::vector<InspectionRow>> listInspections(store::Connection &db,
                                                   const InspectionFilter &filter);
/// The filtered history as CSV (RFC 4180, UTF-8): one row per inspection, values as JSON.
Result<qint64> exportInspections(store::Connection &db, const InspectionFilter &filter,
                                 const QString &file);

/// The QC operations on worker threads, for the app.
class QcService {
public:
    static QCoro::Task<Result<std::vector<CategoryForm>>> forms(QString workspace);
    static QCoro::Task<Result<std::vector<LotInfo>>> lots(QString workspace, QString search);
    static QCoro::Task<Result<LotStock>> stock(QString workspace, QString productId);
    static QCoro::Task<Result<InspectionOutcome>> record(QString workspace, Actor actor,
                                                         InspectionRequest request);
    static QCoro::Task<Result<void>> saveDraft(QString workspace, Draft draft);
    static QCoro::Task<Result<void>> discardDraft(QString workspace, QString draftId);
    static QCoro::Task<Result<std::optional<Draft>>> latestDraft(QString workspace);
    static QCoro::Task<Result<std::vector<InspectionRow>>> history(QString workspace,
                                                                   InspectionFilter filter);
    static QCoro::Task<Result<LotInfo>> lotInfo(QString workspace, QString lotId);
    static QCoro::Task<Result<StoredPhoto>> photo(QString workspace, QString photoId);
    static QCoro::Task<Result<qint64>> exportHistory(QString workspace, InspectionFilter filter,
                                                     QString file);
    static QCoro::Task<Result<int>> saveForm(QString workspace, Actor actor, QString categoryId,
                                             QByteArray json);
};

} // namespace agro::services
