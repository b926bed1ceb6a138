#include "qcservice.h"

#include "io/csvreader.h"
#include "store/auditlog.h"
#include "store/mutator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimeZone>

namespace agro::services {

namespace {

QString compact(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool mayEditForms(const QString &role) {
    return role == QLatin1String("owner") || role == QLatin1String("manager");
}

/// The actor's strongest role on any farm (forms of the shared catalogue belong to no farm).
Result<QString> bestRole(store::Connection &db, const QString &userId, const QString &farmId) {
    if (!farmId.isEmpty())
        return roleOn(db, userId, farmId);
    auto st = db.prepare("SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id "
                         "WHERE m.user_id = ?1 AND u.disabled = 0");
    if (!st.ok())
        return st.error();
    st->bind(1, userId);
    QString best;
    AGRO_TRY(st->forEachRow([&] {
        const QString r = st->text(0);
        if (r == QLatin1String("owner") ||
            (r == QLatin1String("manager") && best != QLatin1String("owner")))
            best = r;
        else if (best.isEmpty())
            best = r;
    }));
    return best;
}

LotInfo readLot(store::Statement &st) {
    LotInfo l;
    l.id = st.text(0);
    l.batch = st.text(1);
    l.productId = st.text(2);
    l.productName = st.text(3);
    l.sku = st.text(4);
    l.categoryId = st.text(5);
    l.farmId = st.text(6);
    l.farmName = st.text(7);
    l.supplier = st.text(8);
    l.status = st.text(9);
    l.producedOn = QDate::fromString(st.text(10), Qt::ISODate);
    l.expiresOn = QDate::fromString(st.text(11), Qt::ISODate);
    l.quantity = st.real(12);
    return l;
}

constexpr const char *kLotColumns =
    "SELECT l.id, l.batch_number, p.id, p.name, p.sku, coalesce(p.category_id, ''), l.farm_id, "
    "f.name, l.supplier, l.status, coalesce(l.produced_on, ''), coalesce(l.expires_on, ''), "
    "l.quantity FROM lots l JOIN products p ON p.id = l.product_id JOIN farms f ON f.id = "
    "l.farm_id ";

} // namespace

Result<std::vector<CategoryForm>> categoryForms(store::Connection &db) {
    std::vector<CategoryForm> out;
    std::vector<std::pair<QString, QString>> stored; // category → latest schema JSON
    {
        auto st = db.prepare(
            "SELECT c.id, c.name, c.kind, coalesce(c.farm_id, ''), "
            "(SELECT max(version) FROM qc_schema_versions v WHERE v.category_id = c.id), "
            "(SELECT schema_json FROM qc_schema_versions v WHERE v.category_id = c.id ORDER BY "
            "version DESC LIMIT 1) FROM product_categories c ORDER BY c.name");
        if (!st.ok())
            return st.error();
        AGRO_TRY(st->forEachRow([&] {
            CategoryForm f;
            f.categoryId = st->text(0);
            f.categoryName = st->text(1);
            f.kind = st->text(2);
            f.farmId = st->text(3);
            if (!st->isNull(4)) {
                f.version = int(st->int64(4));
                f.stored = true;
                stored.emplace_back(f.categoryId, st->text(5));
            }
            out.push_back(std::move(f));
        }));
    }
    for (auto &f : out) {
        if (f.stored) {
            for (const auto &[id, json] : stored)
                if (id == f.categoryId) {
                    auto s = qc::parseSchema(
                        json.toUtf8(), QStringLiteral("%1 v%2").arg(f.categoryName).arg(f.version));
                    if (!s.ok())
                        return s.error();
                    f.schema = s.value();
                }
        } else if (qc::builtinSchemaKinds().contains(f.kind)) {
            auto s = qc::builtinSchema(f.kind);
            if (!s.ok())
                return s.error();
            f.schema = s.value();
            f.version = f.schema.version;
        }
    }
    return out;
}

Result<CategoryForm> categoryForm(store::Connection &db, const QString &categoryId) {
    auto all = categoryForms(db);
    if (!all.ok())
        return all.error();
    for (auto &f : all.value())
        if (f.categoryId == categoryId)
            return f;
    return Error::make(ErrorCode::NotFound, QStringLiteral("category %1").arg(categoryId));
}

Result<qc::Schema> schemaVersion(store::Connection &db, const QString &categoryId, int version) {
    auto st = db.prepare("SELECT schema_json FROM qc_schema_versions WHERE category_id = ?1 AND "
                         "version = ?2");
    if (!st.ok())
        return st.error();
    st->bind(1, categoryId);
    st->bind(2, version);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (row.value())
        return qc::parseSchema(st->text(0).toUtf8(), QStringLiteral("version %1").arg(version));
    // Never saved: the built-in schema of the kind, which is version 1.
    auto form = categoryForm(db, categoryId);
    if (!form.ok())
        return form.error();
    if (!form->stored && form->version == version && form->version > 0)
        return form->schema;
    return Error::make(ErrorCode::NotFound, QStringLiteral("form version %1").arg(version));
}

namespace {
Result<int> storeVersion(store::Mutator &m, const Actor &actor, const CategoryForm &form,
                         qc::Schema schema) {
    // The next version after the form in use: a category on an unsaved built-in form (its
    // version 1) gets version 2; a category without any form gets version 1.
    schema.version = form.version + 1;
    schema.category = form.kind == QLatin1String("other") ? schema.category : form.kind;
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString json = QString::fromUtf8(qc::schemaToJson(schema));
    AGRO_TRY(m.insert(
        QStringLiteral("qc_schema_versions"), m.newId(),
        {{QStringLiteral("farm_id"), form.farmId.isEmpty() ? QVariant() : QVariant(form.farmId)},
         {QStringLiteral("category_id"), form.categoryId},
         {QStringLiteral("version"), schema.version},
         {QStringLiteral("schema_json"), json},
         {QStringLiteral("created_at"), at},
         {QStringLiteral("created_by"), actor.userId}}));
    AGRO_TRY(m.update(QStringLiteral("product_categories"), form.categoryId,
                      {{QStringLiteral("qc_schema"), json}}));
    AGRO_TRY(store::AuditLog::append(
        m.db(),
        {actor.userId, QStringLiteral("qc.form_saved"), QStringLiteral("category"), form.categoryId,
         compact({{QStringLiteral("version"), schema.version},
                  {QStringLiteral("fields"), int(schema.fields.size())},
                  {QStringLiteral("rules"), int(schema.rules.size())}}),
         at}));
    return schema.version;
}
} // namespace

Result<int> saveCategoryForm(store::Connection &db, const Actor &actor, const QString &categoryId,
                             const QByteArray &schemaJson) {
    AGRO_TRY(requireSignedInActor(db, actor));
    auto form = categoryForm(db, categoryId);
    if (!form.ok())
        return form.error();
    auto role = bestRole(db, actor.userId, form->farmId);
    if (!role.ok())
        return role.error();
    if (!mayEditForms(role.value()))
        return refuse(db, actor, QStringLiteral("qc_schema_versions"), categoryId,
                      QStringLiteral("only owners and managers edit inspection forms"));
    auto schema = qc::parseSchema(schemaJson, form->categoryName);
    if (!schema.ok())
        return schema.error();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    auto v = storeVersion(m.value(), actor, form.value(), schema.value());
    if (!v.ok())
        return v.error();
    AGRO_TRY(m->commit());
    return v.value();
}

Result<QString> createCategory(store::Connection &db, const Actor &actor, const QString &name,
                               const QByteArray &schemaJson) {
    AGRO_TRY(requireSignedInActor(db, actor));
    auto role = bestRole(db, actor.userId, {});
    if (!role.ok())
        return role.error();
    if (!mayEditForms(role.value()))
        return refuse(db, actor, QStringLiteral("product_categories"), QString(),
                      QStringLiteral("only owners and managers add categories"));
    if (name.trimmed().isEmpty()) {
        Error e =
            Error::make(ErrorCode::InvalidArgument, QStringLiteral("a category needs a name"));
        e.field = QStringLiteral("name");
        return e;
    }
    auto schema = qc::parseSchema(schemaJson, name.trimmed());
    if (!schema.ok())
        return schema.error();
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    CategoryForm form;
    form.categoryId = m->newId();
    form.categoryName = name.trimmed();
    form.kind = QStringLiteral("other");
    AGRO_TRY(m->insert(
        QStringLiteral("product_categories"), form.categoryId,
        {{QStringLiteral("name"), form.categoryName}, {QStringLiteral("kind"), form.kind}}));
    auto v = storeVersion(m.value(), actor, form, schema.value());
    if (!v.ok())
        return v.error();
    AGRO_TRY(m->commit());
    return form.categoryId;
}

Result<std::vector<LotInfo>> lotsForInspection(store::Connection &db, const QString &search,
                                               int limit) {
    auto st = db.prepare(
        std::string(kLotColumns) +
        "WHERE ?1 IS NULL OR instr(lower(l.batch_number || ' ' || p.name || ' ' || p.sku || ' ' "
        "|| l.supplier), lower(?1)) > 0 "
        "ORDER BY EXISTS (SELECT 1 FROM qc_inspections i WHERE i.lot_id = l.id), "
        "l.produced_on DESC, l.lid DESC LIMIT ?2");
    if (!st.ok())
        return st.error();
    if (search.trimmed().isEmpty())
        st->bindNull(1);
    else
        st->bind(1, search.trimmed());
    st->bind(2, limit);
    std::vector<LotInfo> out;
    AGRO_TRY(st->forEachRow([&] { out.push_back(readLot(st.value())); }));
    return out;
}

bool mayInspect(const QString &role) {
    return role == QLatin1String("owner") || role == QLatin1String("manager") ||
           role == QLatin1String("inspector");
}

Result<LotInfo> lot(store::Connection &db, const QString &lotId) {
    auto st = db.prepare(std::string(kLotColumns) + "WHERE l.id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, lotId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("lot %1").arg(lotId));
    return readLot(st.value());
}

Result<LotStock> lotStock(store::Connection &db, const QString &productId, const QDate &on) {
    auto st = db.prepare("SELECT status, sum(quantity) FROM lots WHERE product_id = ?1 AND "
                         "(expires_on IS NULL OR expires_on >= ?2) GROUP BY status");
    if (!st.ok())
        return st.error();
    st->bind(1, productId);
    st->bind(2, on.toString(Qt::ISODate));
    LotStock s;
    AGRO_TRY(st->forEachRow([&] {
        const QString status = st->text(0);
        if (status == QLatin1String("available"))
            s.sellable += st->real(1);
        else if (status == QLatin1String("held"))
            s.held += st->real(1);
        else if (status == QLatin1String("rejected"))
            s.rejected += st->real(1);
    }));
    return s;
}

QString photoIdOf(const QString &value) {
    static const QString prefix = QStringLiteral("qc-photo:");
    return value.startsWith(prefix) ? value.mid(prefix.size()) : QString();
}

Result<StoredPhoto> storedPhoto(store::Connection &db, const QString &photoId) {
    auto st = db.prepare("SELECT id, inspection_id, field_key, file_name, mime, sha256, data FROM "
                         "qc_photos WHERE id = ?");
    if (!st.ok())
        return st.error();
    st->bind(1, photoId);
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return Error::make(ErrorCode::NotFound, QStringLiteral("photo ") + photoId);
    StoredPhoto p;
    p.id = st->text(0);
    p.inspectionId = st->text(1);
    p.fieldKey = st->text(2);
    p.fileName = st->text(3);
    p.mime = st->text(4);
    p.sha256 = st->text(5);
    p.data = st->blob(6);
    return p;
}

namespace {
/// A photo file read for storing, checked by its first bytes (the extension can lie).
Result<StoredPhoto> readPhoto(const QString &fieldKey, const QString &path) {
    auto fail = [&](ErrorCode code, const QString &detail) {
        Error e = Error::make(code, detail);
        e.field = fieldKey;
        e.file = path;
        return e;
    };
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("the photo cannot be read"));
    if (f.size() == 0)
        return fail(ErrorCode::InvalidArgument, QStringLiteral("the photo file is empty"));
    if (f.size() > kMaxPhotoBytes)
        return fail(ErrorCode::InvalidArgument,
                    QStringLiteral("the photo is larger than %1 MB").arg(kMaxPhotoBytes >> 20));
    StoredPhoto p;
    p.fieldKey = fieldKey;
    p.fileName = QFileInfo(path).fileName();
    p.data = f.readAll();
    if (p.data.startsWith("\xFF\xD8\xFF"))
        p.mime = QStringLiteral("image/jpeg");
    else if (p.data.startsWith("\x89PNG\r\n\x1A\n"))
        p.mime = QStringLiteral("image/png");
    else if (p.data.size() > 12 && p.data.mid(4, 4) == "ftyp" &&
             (p.data.mid(8, 4) == "heic" || p.data.mid(8, 4) == "heix" ||
              p.data.mid(8, 4) == "mif1"))
        p.mime = QStringLiteral("image/heic");
    else
        return fail(ErrorCode::InvalidArgument, QStringLiteral("not a JPEG, PNG or HEIC image"));
    p.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(p.data, QCryptographicHash::Sha256).toHex());
    return p;
}
} // namespace

Result<InspectionOutcome> recordInspection(store::Connection &db, const Actor &actor,
                                           const InspectionRequest &r) {
    AGRO_TRY(requireSignedInActor(db, actor));
    auto l = lot(db, r.lotId);
    if (!l.ok())
        return l.error();
    auto role = roleOn(db, actor.userId, l->farmId);
    if (!role.ok())
        return role.error();
    if (!mayInspect(role.value()))
        return refuse(db, actor, QStringLiteral("qc_inspections"), r.lotId,
                      QStringLiteral("%1 may not record inspections on %2")
                          .arg(actor.displayName, l->farmName));
    if (l->categoryId.isEmpty())
        return Error::make(ErrorCode::NeedsPrerequisite,
                           QStringLiteral("the product %1 has no category").arg(l->productName));
    auto form = categoryForm(db, l->categoryId);
    if (!form.ok())
        return form.error();
    if (form->version == 0)
        return Error::make(
            ErrorCode::NeedsPrerequisite,
            QStringLiteral("the category %1 has no inspection form yet").arg(form->categoryName));
    const QDateTime at = r.at.isValid() ? r.at.toUTC() : QDateTime::currentDateTimeUtc();
    const qc::Evaluation e = qc::evaluate(form->schema, r.values, at.date());
    if (!e.complete()) {
        const auto *f = form->schema.field(e.problems.front().field);
        Error err =
            Error::make(ErrorCode::InvalidArgument,
                        QStringLiteral("%1: %2").arg(f ? f->label : e.problems.front().field,
                                                     e.problems.front().message));
        err.field = e.problems.front().field;
        return err;
    }
    // Only known fields are stored: the form defines what an inspection holds.
    QJsonObject values;
    for (const auto &f : form->schema.fields)
        if (!qc::isMissing(r.values.value(f.key)))
            values.insert(f.key, r.values.value(f.key));
    // Photos given as files are read (and refused, naming the field and file) before anything
    // is written; references must name a stored photo.
    std::vector<StoredPhoto> photos;
    for (const auto &f : form->schema.fields) {
        if (f.type != qc::FieldType::Photo || !values.contains(f.key))
            continue;
        const QString value = values.value(f.key).toString();
        if (const QString id = photoIdOf(value); !id.isEmpty()) {
            auto stored = storedPhoto(db, id);
            if (!stored.ok()) {
                Error err = stored.error();
                err.field = f.key;
                return err;
            }
            continue;
        }
        auto photo = readPhoto(f.key, value);
        if (!photo.ok())
            return photo.error();
        photos.push_back(photo.value());
    }

    InspectionOutcome o;
    o.ruleDisposition = QString::fromLatin1(qc::dispositionKey(e.disposition));
    o.ruleId = e.decidedBy ? e.decidedBy->id : QString();
    o.ruleMessage = e.decidedBy ? e.decidedBy->message : QString();
    o.disposition = o.ruleDisposition;
    const QString overrideTo = r.overrideDisposition.trimmed();
    if (!overrideTo.isEmpty() && overrideTo != o.ruleDisposition) {
        if (overrideTo != QLatin1String("pass") && overrideTo != QLatin1String("hold") &&
            overrideTo != QLatin1String("fail")) {
            Error err = Error::make(ErrorCode::InvalidArgument,
                                    QStringLiteral("an override is pass, hold or fail"));
            err.field = QStringLiteral("override");
            return err;
        }
        if (r.overrideReason.trimmed().isEmpty()) {
            Error err = Error::make(ErrorCode::InvalidArgument,
                                    QStringLiteral("overriding the rules needs a reason"));
            err.field = QStringLiteral("override_reason");
            return err;
        }
        o.disposition = overrideTo;
    }
    o.lotStatus = o.disposition == QLatin1String("fail")   ? QStringLiteral("rejected")
                  : o.disposition == QLatin1String("hold") ? QStringLiteral("held")
                                                           : QStringLiteral("available");
    const bool overridden = o.disposition != o.ruleDisposition;
    const QString decidedBy = overridden ? QStringLiteral("override by %1").arg(actor.displayName)
                              : o.ruleId.isEmpty() ? QStringLiteral("all limits met")
                                                   : o.ruleId;
    auto m = store::Mutator::begin(db);
    if (!m.ok())
        return m.error();
    o.inspectionId = m->newId();
    for (auto &p : photos) {
        p.id = m->newId();
        p.inspectionId = o.inspectionId;
        values.insert(p.fieldKey, photoReference(p.id));
    }
    const QString atText = at.toString(Qt::ISODate);
    AGRO_TRY(m->insert(QStringLiteral("qc_inspections"), o.inspectionId,
                       {{QStringLiteral("farm_id"), l->farmId},
                        {QStringLiteral("lot_id"), l->id},
                        {QStringLiteral("category_id"), l->categoryId},
                        {QStringLiteral("schema_version"), form->version},
                        {QStringLiteral("inspector"), actor.displayName},
                        {QStringLiteral("inspected_at"), atText},
                        {QStringLiteral("values_json"), compact(values)},
                        {QStringLiteral("disposition"), o.disposition},
                        {QStringLiteral("decided_by"), decidedBy},
                        {QStringLiteral("notes"), r.notes.trimmed()},
                        {QStringLiteral("rule_disposition"), o.ruleDisposition},
                        {QStringLiteral("rule_id"), o.ruleId},
                        {QStringLiteral("override_reason"),
                         overridden ? r.overrideReason.trimmed() : QString()}}));
    for (const auto &p : photos)
        AGRO_TRY(m->insert(QStringLiteral("qc_photos"), p.id,
                           {{QStringLiteral("farm_id"), l->farmId},
                            {QStringLiteral("inspection_id"), p.inspectionId},
                            {QStringLiteral("field_key"), p.fieldKey},
                            {QStringLiteral("file_name"), p.fileName},
                            {QStringLiteral("mime"), p.mime},
                            {QStringLiteral("sha256"), p.sha256},
                            {QStringLiteral("size_bytes"), qint64(p.data.size())},
                            {QStringLiteral("data"), p.data}}));
    // The first stored inspection of a built-in form pins that form as version 1, so the
    // inspection keeps the form it was filled with when the built-in changes in a later release.
    if (!form->stored)
        AGRO_TRY(m->insert(
            QStringLiteral("qc_schema_versions"), m->newId(),
            {{QStringLiteral("farm_id"),
              form->farmId.isEmpty() ? QVariant() : QVariant(form->farmId)},
             {QStringLiteral("category_id"), form->categoryId},
             {QStringLiteral("version"), form->version},
             {QStringLiteral("schema_json"), QString::fromUtf8(qc::schemaToJson(form->schema))},
             {QStringLiteral("created_at"), atText},
             {QStringLiteral("created_by"), QStringLiteral("built-in")}}));
    if (l->status != o.lotStatus)
        AGRO_TRY(
            m->update(QStringLiteral("lots"), l->id, {{QStringLiteral("status"), o.lotStatus}}));
    AGRO_TRY(store::AuditLog::append(
        m->db(), {actor.userId, QStringLiteral("qc.inspection"), QStringLiteral("lot"), l->id,
                  compact({{QStringLiteral("disposition"), o.disposition},
                           {QStringLiteral("rules_said"), o.ruleDisposition},
                           {QStringLiteral("rule"), o.ruleId},
                           {QStringLiteral("override_reason"),
                            overridden ? r.overrideReason.trimmed() : QString()},
                           {QStringLiteral("batch"), l->batch}}),
                  atText}));
    if (!r.draftId.isEmpty()) {
        auto del = m->db().prepare("DELETE FROM qc_drafts WHERE id = ?1");
        if (!del.ok())
            return del.error();
        del->bind(1, r.draftId);
        AGRO_TRY(del->run());
    }
    AGRO_TRY(m->commit());
    return o;
}

Result<void> saveDraft(store::Connection &db, const Draft &d) {
    auto st = db.prepare("INSERT INTO qc_drafts (id, category_id, lot_id, values_json, notes, "
                         "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE "
                         "SET category_id = excluded.category_id, lot_id = excluded.lot_id, "
                         "values_json = excluded.values_json, notes = excluded.notes, "
                         "updated_at = excluded.updated_at");
    if (!st.ok())
        return st.error();
    st->bind(1, d.id);
    st->bind(2, d.categoryId);
    st->bind(3, d.lotId);
    st->bind(4, compact(d.values));
    st->bind(5, d.notes);
    st->bind(6, (d.updatedAt.isValid() ? d.updatedAt : QDateTime::currentDateTimeUtc())
                    .toUTC()
                    .toString(Qt::ISODateWithMs));
    return st->run();
}

Result<void> discardDraft(store::Connection &db, const QString &draftId) {
    auto st = db.prepare("DELETE FROM qc_drafts WHERE id = ?1");
    if (!st.ok())
        return st.error();
    st->bind(1, draftId);
    return st->run();
}

Result<std::optional<Draft>> latestDraft(store::Connection &db) {
    auto st = db.prepare("SELECT id, category_id, lot_id, values_json, notes, updated_at FROM "
                         "qc_drafts ORDER BY updated_at DESC, lid DESC LIMIT 1");
    if (!st.ok())
        return st.error();
    auto row = st->step();
    if (!row.ok())
        return row.error();
    if (!row.value())
        return std::optional<Draft>{};
    Draft d;
    d.id = st->text(0);
    d.categoryId = st->text(1);
    d.lotId = st->text(2);
    d.values = QJsonDocument::fromJson(st->text(3).toUtf8()).object();
    d.notes = st->text(4);
    d.updatedAt = QDateTime::fromString(st->text(5), Qt::ISODateWithMs);
    return std::optional<Draft>(d);
}

Result<std::vector<InspectionRow>> listInspections(store::Connection &db,
                                                   const InspectionFilter &f) {
    auto st = db.prepare(
        "SELECT i.id, coalesce(i.lot_id, ''), coalesce(l.batch_number, ''), coalesce(p.name, ''), "
        "coalesce(l.supplier, ''), fm.name, c.name, i.inspector, i.inspected_at, i.disposition, "
        "coalesce(i.rule_disposition, i.disposition), i.rule_id, i.decided_by, i.override_reason, "
        "i.notes, i.schema_version, i.values_json FROM qc_inspections i "
        "JOIN farms fm ON fm.id = i.farm_id JOIN product_categories c ON c.id = i.category_id "
        "LEFT JOIN lots l ON l.id = i.lot_id LEFT JOIN products p ON p.id = l.product_id "
        "WHERE (?1 IS NULL OR i.lot_id = ?1) AND (?2 IS NULL OR l.product_id = ?2) "
        "AND (?3 IS NULL OR l.supplier = ?3) AND (?4 IS NULL OR i.farm_id = ?4) "
        "AND (?5 IS NULL OR i.inspector = ?5) AND (?6 IS NULL OR i.disposition = ?6) "
        "AND (?7 IS NULL OR i.category_id = ?7) AND (?8 IS NULL OR i.inspected_at >= ?8) "
        "AND (?9 IS NULL OR i.inspected_at < ?9) ORDER BY i.inspected_at DESC, i.lid DESC "
        "LIMIT ?10");
    if (!st.ok())
        return st.error();
    const QString texts[] = {f.lotId,     f.productId,   f.supplier,  f.farmId,
                             f.inspector, f.disposition, f.categoryId};
    for (int i = 0; i < 7; ++i) {
        if (texts[i].isEmpty())
            st->bindNull(i + 1);
        else
            st->bind(i + 1, texts[i]);
    }
    if (f.from.isValid())
        st->bind(8, f.from.toString(Qt::ISODate));
    else
        st->bindNull(8);
    if (f.to.isValid())
        st->bind(9, f.to.addDays(1).toString(Qt::ISODate));
    else
        st->bindNull(9);
    st->bind(10, f.limit);
    std::vector<InspectionRow> out;
    AGRO_TRY(st->forEachRow([&] {
        InspectionRow r;
        r.id = st->text(0);
        r.lotId = st->text(1);
        r.batch = st->text(2);
        r.productName = st->text(3);
        r.supplier = st->text(4);
        r.farmName = st->text(5);
        r.categoryName = st->text(6);
        r.inspector = st->text(7);
        r.at = QDateTime::fromString(st->text(8), Qt::ISODate);
        r.at.setTimeZone(QTimeZone::utc());
        r.disposition = st->text(9);
        r.ruleDisposition = st->text(10);
        r.ruleId = st->text(11);
        r.decidedBy = st->text(12);
        r.overrideReason = st->text(13);
        r.notes = st->text(14);
        r.schemaVersion = int(st->int64(15));
        r.values = QJsonDocument::fromJson(st->text(16).toUtf8()).object();
        out.push_back(std::move(r));
    }));
    return out;
}

Result<qint64> exportInspections(store::Connection &db, const InspectionFilter &filter,
                                 const QString &file) {
    InspectionFilter f = filter;
    f.limit = std::numeric_limits<int>::max();
    auto rows = listInspections(db, f);
    if (!rows.ok())
        return rows.error();
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly)) {
        Error e = Error::make(ErrorCode::Io, out.errorString());
        e.file = file;
        return e;
    }
    QByteArray text = "inspected_at,farm,category,lot,product,supplier,inspector,disposition,"
                      "rules_said,rule,decided_by,override_reason,schema_version,values,notes\r\n";
    for (const auto &r : rows.value()) {
        const QStringList cells{r.at.toString(Qt::ISODate),
                                r.farmName,
                                r.categoryName,
                                r.batch,
                                r.productName,
                                r.supplier,
                                r.inspector,
                                r.disposition,
                                r.ruleDisposition,
                                r.ruleId,
                                r.decidedBy,
                                r.overrideReason,
                                QString::number(r.schemaVersion),
                                compact(r.values),
                                r.notes};
        QStringList quoted;
        for (const QString &c : cells)
            quoted << io::csvField(c);
        text += quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    out.write(text);
    if (!out.commit()) {
        Error e = Error::make(ErrorCode::Io, out.errorString());
        e.file = file;
        return e;
    }
    return qint64(rows->size());
}

} // namespace agro::services
