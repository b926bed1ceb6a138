-- Version 5: restock approvals (docs/restock.md).

-- Per-farm settings that sync (written through the Mutator, so they are in the change log):
-- the restock gates and the target fill rate, as text values under documented keys.
CREATE TABLE farm_settings (
    lid     INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    farm_id TEXT NOT NULL REFERENCES farms(id),
    key     TEXT NOT NULL CHECK (length(trim(key)) > 0),
    value   TEXT NOT NULL,
    UNIQUE (farm_id, key)
);

-- A proposal run and its proposals: derived from a forecast run and the stock, local, not
-- synced. Decisions copy the figures they were taken on, so they stand without these rows.
CREATE TABLE restock_runs (
    lid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    forecast_run TEXT NOT NULL,
    as_of_day    INTEGER NOT NULL,
    products     INTEGER NOT NULL DEFAULT 0,
    proposals    INTEGER NOT NULL DEFAULT 0,
    seconds      REAL NOT NULL DEFAULT 0
);

CREATE TABLE restock_proposals (
    lid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    run          INTEGER NOT NULL REFERENCES restock_runs(lid) ON DELETE CASCADE,
    farm_id      TEXT NOT NULL REFERENCES farms(id),
    product_id   TEXT NOT NULL REFERENCES products(id),
    quantity     REAL NOT NULL CHECK (quantity > 0),
    value        REAL NOT NULL CHECK (value >= 0),
    due_day      INTEGER NOT NULL,
    priority     REAL NOT NULL DEFAULT 0,
    confidence   REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    gate         TEXT NOT NULL CHECK (gate IN ('auto', 'review', 'manual', 'owner')),
    abc          TEXT NOT NULL DEFAULT '',
    xyz          TEXT NOT NULL DEFAULT '',
    stockout_day INTEGER,
    explanation  TEXT NOT NULL -- JSON: inputs, formulas with their numbers, rule, sensitivity
);
CREATE INDEX restock_proposals_run ON restock_proposals(run, priority DESC);

-- Decisions are append-only events (synced): approve, reject or override, by a person or
-- by the system under an auto-approve gate, with the figures the decision was taken on.
CREATE TABLE restock_decisions (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    farm_id     TEXT NOT NULL REFERENCES farms(id),
    proposal_id TEXT NOT NULL,
    product_id  TEXT NOT NULL REFERENCES products(id),
    action      TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'override')),
    quantity    REAL NOT NULL CHECK (quantity >= 0),
    reason_code TEXT NOT NULL DEFAULT ''
                CHECK (reason_code IN ('', 'promotion', 'supplier_issue', 'storage_limit', 'other')),
    reason_text TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    gate        TEXT NOT NULL,
    decided_at  TEXT NOT NULL,
    figures     TEXT NOT NULL,
    CHECK (action <> 'override' OR reason_code <> ''),
    CHECK (reason_code <> 'other' OR length(trim(reason_text)) > 0)
);
CREATE INDEX restock_decisions_proposal ON restock_decisions(proposal_id);

CREATE TRIGGER restock_decisions_append_only_update BEFORE UPDATE ON restock_decisions
BEGIN
    SELECT RAISE(ABORT, 'restock decisions are append-only');
END;
CREATE TRIGGER restock_decisions_append_only_delete BEFORE DELETE ON restock_decisions
BEGIN
    SELECT RAISE(ABORT, 'restock decisions are append-only');
END;
