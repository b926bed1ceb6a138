-- Version 8: photos attached to inspections are copied into the workspace, so that an
-- inspection still shows its evidence after the original file is moved, and the photo syncs
-- with the inspection. One row per stored photo; an inspection's values name it as
-- "qc-photo:<id>". Photos are evidence: never changed, never deleted on their own.

CREATE TABLE qc_photos (
    lid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    farm_id       TEXT NOT NULL REFERENCES farms(id),
    inspection_id TEXT NOT NULL REFERENCES qc_inspections(id),
    field_key     TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    mime          TEXT NOT NULL,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
    data          BLOB NOT NULL
);
CREATE INDEX qc_photos_inspection ON qc_photos(inspection_id);
CREATE TRIGGER qc_photos_append_only_update BEFORE UPDATE ON qc_photos
BEGIN
    SELECT RAISE(ABORT, 'a stored photo never changes');
END;
CREATE TRIGGER qc_photos_append_only_delete BEFORE DELETE ON qc_photos
BEGIN
    SELECT RAISE(ABORT, 'photos are kept as the evidence of their inspection');
END;
