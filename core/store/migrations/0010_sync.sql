-- Version 10: what the sync engine needs (docs/sync.md).
--
-- Every change carries the version (hlc, node) of the value it overwrote on its own replica,
-- its "base". A merge that replaces a value whose version is not in the winner's base chain
-- has found two concurrent edits, and keeps the loser in sync_conflicts. `author` is the
-- account the server accepted the change from (NULL: made here, not yet pushed).
ALTER TABLE change_log ADD COLUMN base_hlc INTEGER;
ALTER TABLE change_log ADD COLUMN base_node TEXT;
ALTER TABLE change_log ADD COLUMN author TEXT;

-- One entry per (cell, version): the duplicate test of every merge, and the "current value"
-- look-up (the greatest (hlc, node) of a cell) as an index range.
DROP INDEX change_log_row;
CREATE UNIQUE INDEX change_log_cell ON change_log(tbl, row_id, col, hlc, node);
CREATE INDEX change_log_farm_seq ON change_log(farm_id, seq);

-- Values a merge replaced with a concurrent one, and values that arrived too late to win.
-- Shown in the Conflicts view; "restored" means the user made the lost value current again
-- (a new edit, so it syncs like any other).
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY,
    detected_at TEXT NOT NULL,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    col         TEXT NOT NULL,
    farm_id     TEXT,
    lost_value,
    lost_hlc    INTEGER NOT NULL,
    lost_node   TEXT NOT NULL,
    lost_author TEXT,
    won_value,
    won_hlc     INTEGER NOT NULL,
    won_node    TEXT NOT NULL,
    won_author  TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'restored')),
    UNIQUE (tbl, row_id, col, lost_hlc, lost_node)
);
CREATE INDEX sync_conflicts_status ON sync_conflicts(status, id);

-- One line per sync round or problem, for the sync log the app shows.
CREATE TABLE sync_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    level   TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
    message TEXT NOT NULL,
    pushed  INTEGER NOT NULL DEFAULT 0,
    pulled  INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0
);
