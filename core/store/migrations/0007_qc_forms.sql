-- Version 7: QC forms (docs/qc-schemas.md). A category's inspection form is a schema; each
-- saved edit is a new version, and an inspection records the version it was filled with.

CREATE TABLE qc_schema_versions (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    farm_id     TEXT REFERENCES farms(id), -- NULL: the shared catalogue's category
    category_id TEXT NOT NULL REFERENCES product_categories(id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    schema_json TEXT NOT NULL CHECK (json_valid(schema_json)),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    UNIQUE (category_id, version)
);
CREATE TRIGGER qc_schema_versions_append_only_update BEFORE UPDATE ON qc_schema_versions
BEGIN
    SELECT RAISE(ABORT, 'a schema version never changes: save a new version');
END;
CREATE TRIGGER qc_schema_versions_append_only_delete BEFORE DELETE ON qc_schema_versions
BEGIN
    SELECT RAISE(ABORT, 'schema versions are kept for the inspections filled with them');
END;

-- What the rules decided, and the inspector's override of it with a reason.
ALTER TABLE qc_inspections ADD COLUMN rule_disposition TEXT
    CHECK (rule_disposition IS NULL OR rule_disposition IN ('pass', 'fail', 'hold'));
ALTER TABLE qc_inspections ADD COLUMN rule_id TEXT NOT NULL DEFAULT '';
ALTER TABLE qc_inspections ADD COLUMN override_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX qc_inspections_time ON qc_inspections(inspected_at);

-- A form being filled, saved as the inspector types (local, never synced): restored after a
-- crash, removed when the inspection is recorded or discarded.
CREATE TABLE qc_drafts (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    category_id TEXT NOT NULL,
    lot_id      TEXT NOT NULL DEFAULT '',
    values_json TEXT NOT NULL CHECK (json_valid(values_json)),
    notes       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
