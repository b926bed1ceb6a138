-- Version 3: explicit shares for farm-level costs allocated "by shares" (the other rule,
-- "area", needs no data). One row per (cost, planting); shares are normalised when used.
-- No ON DELETE CASCADE: every delete goes through the mutation API and its change log.

CREATE TABLE cost_shares (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    farm_id     TEXT NOT NULL REFERENCES farms(id),
    cost_id     TEXT NOT NULL REFERENCES cost_entries(id),
    planting_id TEXT NOT NULL REFERENCES plantings(id),
    share       REAL NOT NULL CHECK (share >= 0),
    UNIQUE (cost_id, planting_id)
);
CREATE INDEX cost_shares_planting ON cost_shares(planting_id);
