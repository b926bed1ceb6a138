-- AgroDesk workspace schema, version 1.
--
-- Conventions (docs/architecture.md, "The store"):
--  * Entity tables have a local integer key `lid` (never synced) and a UUIDv7 `id`
--    (synced identity, TEXT in canonical 8-4-4-4-12 form). Entities refer to each
--    other by `id`; bulk fact tables refer to their parent by `lid` to stay compact.
--  * Quantities are stored in canonical units, named in the column: hectares (_ha),
--    kilograms (_kg), days since 1970-01-01 (day), Unix seconds UTC (ts). Money is
--    in the owning farm's currency. Display units are converted in core/domain/units.
--  * Every entity write goes through the mutation API (core/store/mutator), which
--    appends per-column entries to change_log in the same transaction. Bulk fact
--    rows carry the `batch` that wrote them; the batch is one change_log entry.

CREATE TABLE workspace_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE change_log (
    seq     INTEGER PRIMARY KEY,
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    col     TEXT NOT NULL,
    value,
    hlc     INTEGER NOT NULL,
    node    TEXT NOT NULL,
    farm_id TEXT
);
CREATE INDEX change_log_row ON change_log(tbl, row_id);

CREATE TABLE bulk_batches (
    lid        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    tbl        TEXT NOT NULL,
    farm_id    TEXT,
    hlc        INTEGER NOT NULL,
    node       TEXT NOT NULL,
    row_count  INTEGER NOT NULL DEFAULT 0,
    source     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE farms (
    lid       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    currency  TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
    area_unit TEXT NOT NULL DEFAULT 'ha' CHECK (area_unit IN ('ha', 'ac')),
    mass_unit TEXT NOT NULL DEFAULT 'kg' CHECK (mass_unit IN ('kg', 'lb', 't')),
    latitude  REAL,
    longitude REAL
);

CREATE TABLE fields (
    lid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    farm_id       TEXT NOT NULL REFERENCES farms(id),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    area_ha       REAL NOT NULL CHECK (area_ha >= 0),
    soil_type     TEXT NOT NULL DEFAULT '',
    soil_ph       REAL CHECK (soil_ph IS NULL OR soil_ph BETWEEN 0 AND 14),
    soil_n_kg_ha  REAL CHECK (soil_n_kg_ha IS NULL OR soil_n_kg_ha >= 0)
);
CREATE INDEX fields_farm ON fields(farm_id);

CREATE TABLE crops (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    farm_id     TEXT REFERENCES farms(id),     -- NULL: shared catalogue
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    base_temp_c REAL NOT NULL DEFAULT 10       -- for growing-degree days
);

CREATE TABLE seasons (
    lid       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    farm_id   TEXT NOT NULL REFERENCES farms(id),
    name      TEXT NOT NULL,
    starts_on TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
    ends_on   TEXT NOT NULL CHECK (date(ends_on) IS ends_on AND ends_on >= starts_on)
);
CREATE INDEX seasons_farm ON seasons(farm_id);

CREATE TABLE plantings (
    lid                  INTEGER PRIMARY KEY,
    id                   TEXT NOT NULL UNIQUE,
    farm_id              TEXT NOT NULL REFERENCES farms(id),
    field_id             TEXT NOT NULL REFERENCES fields(id),
    crop_id              TEXT NOT NULL REFERENCES crops(id),
    season_id            TEXT NOT NULL REFERENCES seasons(id),
    planted_area_ha      REAL NOT NULL CHECK (planted_area_ha >= 0),
    expected_yield_kg_ha REAL NOT NULL DEFAULT 0 CHECK (expected_yield_kg_ha >= 0),
    expected_price_kg    REAL NOT NULL DEFAULT 0 CHECK (expected_price_kg >= 0),
    planted_on           TEXT CHECK (planted_on IS NULL OR date(planted_on) IS planted_on)
);
CREATE INDEX plantings_farm ON plantings(farm_id);
CREATE INDEX plantings_field ON plantings(field_id);
CREATE INDEX plantings_season ON plantings(season_id);

CREATE TABLE cost_entries (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    farm_id     TEXT NOT NULL REFERENCES farms(id),
    planting_id TEXT REFERENCES plantings(id),  -- NULL: farm-level, allocated to plantings
    category    TEXT NOT NULL CHECK (category IN ('seeds', 'fertilizer', 'labor', 'equipment',
                                                  'irrigation', 'pesticides', 'other')),
    amount      REAL NOT NULL,
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    incurred_on TEXT NOT NULL CHECK (date(incurred_on) IS incurred_on),
    allocation  TEXT NOT NULL DEFAULT 'area' CHECK (allocation IN ('area', 'shares')),
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cost_entries_farm_date ON cost_entries(farm_id, incurred_on);
CREATE INDEX cost_entries_planting ON cost_entries(planting_id);

CREATE TABLE harvests (
    lid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    farm_id      TEXT NOT NULL REFERENCES farms(id),
    planting_id  TEXT NOT NULL REFERENCES plantings(id),
    harvested_on TEXT NOT NULL CHECK (date(harvested_on) IS harvested_on),
    quantity_kg  REAL NOT NULL CHECK (quantity_kg >= 0),
    rejected_kg  REAL NOT NULL DEFAULT 0 CHECK (rejected_kg >= 0 AND rejected_kg <= quantity_kg),
    entered_unit TEXT NOT NULL DEFAULT 'kg' CHECK (entered_unit IN ('kg', 'lb', 't')),
    grade        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX harvests_planting ON harvests(planting_id);

CREATE TABLE weather_daily (
    farm    INTEGER NOT NULL REFERENCES farms(lid),
    day     INTEGER NOT NULL,
    tmin_c  REAL,
    tmax_c  REAL,
    rain_mm REAL CHECK (rain_mm IS NULL OR rain_mm >= 0),
    batch   INTEGER NOT NULL REFERENCES bulk_batches(lid),
    PRIMARY KEY (farm, day)
) WITHOUT ROWID;

CREATE TABLE product_categories (
    lid       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    farm_id   TEXT REFERENCES farms(id),       -- NULL: shared catalogue
    name      TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind      TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('produce', 'dairy', 'protein', 'other')),
    qc_schema TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE products (
    lid               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    farm_id           TEXT NOT NULL REFERENCES farms(id),
    sku               TEXT NOT NULL UNIQUE CHECK (length(trim(sku)) > 0),
    name              TEXT NOT NULL,
    category_id       TEXT REFERENCES product_categories(id),
    unit              TEXT NOT NULL DEFAULT 'each',
    price             REAL NOT NULL DEFAULT 0 CHECK (price >= 0),
    unit_cost         REAL NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
    lead_time_days    INTEGER NOT NULL DEFAULT 7 CHECK (lead_time_days >= 0),
    ordering_cost     REAL NOT NULL DEFAULT 0 CHECK (ordering_cost >= 0),
    holding_cost_rate REAL NOT NULL DEFAULT 0.2 CHECK (holding_cost_rate >= 0),
    pack_size         REAL NOT NULL DEFAULT 1 CHECK (pack_size > 0),
    min_order_qty     REAL NOT NULL DEFAULT 0 CHECK (min_order_qty >= 0),
    shelf_life_days   INTEGER CHECK (shelf_life_days IS NULL OR shelf_life_days > 0),
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX products_farm ON products(farm_id);

CREATE TABLE lots (
    lid          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    farm_id      TEXT NOT NULL REFERENCES farms(id),
    product_id   TEXT NOT NULL REFERENCES products(id),
    batch_number TEXT NOT NULL CHECK (length(trim(batch_number)) > 0),
    produced_on  TEXT CHECK (produced_on IS NULL OR date(produced_on) IS produced_on),
    expires_on   TEXT CHECK (expires_on IS NULL OR date(expires_on) IS expires_on),
    quantity     REAL NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    status       TEXT NOT NULL DEFAULT 'available'
                 CHECK (status IN ('available', 'held', 'rejected', 'expired', 'consumed')),
    supplier     TEXT NOT NULL DEFAULT '',
    planting_id  TEXT REFERENCES plantings(id),
    UNIQUE (product_id, batch_number)
);
CREATE INDEX lots_farm ON lots(farm_id);

CREATE TABLE sales_daily (
    product   INTEGER NOT NULL REFERENCES products(lid),
    day       INTEGER NOT NULL,
    channel   TEXT NOT NULL DEFAULT 'store',
    quantity  REAL NOT NULL CHECK (quantity >= 0),
    price     REAL NOT NULL CHECK (price >= 0),
    promotion INTEGER NOT NULL DEFAULT 0 CHECK (promotion IN (0, 1)),
    stockout  INTEGER NOT NULL DEFAULT 0 CHECK (stockout IN (0, 1)),
    batch     INTEGER NOT NULL REFERENCES bulk_batches(lid),
    PRIMARY KEY (product, day, channel)
) WITHOUT ROWID;

CREATE TABLE stock_movements (
    lid      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    product  INTEGER NOT NULL REFERENCES products(lid),
    day      INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('receipt', 'adjustment', 'write_off', 'order')),
    quantity REAL NOT NULL,
    lot_id   TEXT REFERENCES lots(id),
    note     TEXT NOT NULL DEFAULT '',
    batch    INTEGER NOT NULL REFERENCES bulk_batches(lid)
);
CREATE INDEX stock_movements_product_day ON stock_movements(product, day);

CREATE TABLE qc_inspections (
    lid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    farm_id        TEXT NOT NULL REFERENCES farms(id),
    lot_id         TEXT REFERENCES lots(id),
    category_id    TEXT NOT NULL REFERENCES product_categories(id),
    schema_version INTEGER NOT NULL DEFAULT 1,
    inspector      TEXT NOT NULL DEFAULT '',
    inspected_at   TEXT NOT NULL,
    values_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(values_json)),
    disposition    TEXT NOT NULL CHECK (disposition IN ('pass', 'fail', 'hold')),
    decided_by     TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX qc_inspections_farm_time ON qc_inspections(farm_id, inspected_at);
CREATE INDEX qc_inspections_lot ON qc_inspections(lot_id);

CREATE TABLE sensors (
    lid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    farm_id        TEXT NOT NULL REFERENCES farms(id),
    field_id       TEXT REFERENCES fields(id),
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    low_threshold  REAL,
    high_threshold REAL,
    interval_s     INTEGER NOT NULL DEFAULT 900 CHECK (interval_s > 0)
);
CREATE INDEX sensors_farm ON sensors(farm_id);

CREATE TABLE sensor_readings (
    sensor INTEGER NOT NULL REFERENCES sensors(lid),
    ts     INTEGER NOT NULL,
    value  REAL NOT NULL,
    batch  INTEGER NOT NULL REFERENCES bulk_batches(lid),
    PRIMARY KEY (sensor, ts)
) WITHOUT ROWID;

CREATE TABLE alerts (
    lid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    farm_id       TEXT NOT NULL REFERENCES farms(id),
    source        TEXT NOT NULL CHECK (source IN ('sensor', 'qc', 'forecast', 'drift', 'stock')),
    kind          TEXT NOT NULL,
    severity      TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'acknowledged', 'escalated', 'resolved')),
    subject_id    TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    evidence_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(evidence_json)),
    opened_at     TEXT NOT NULL
);
CREATE INDEX alerts_farm_status ON alerts(farm_id, status);

CREATE TABLE users (
    lid           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    username      TEXT NOT NULL UNIQUE CHECK (length(trim(username)) > 0),
    display_name  TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE memberships (
    lid     INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    farm_id TEXT NOT NULL REFERENCES farms(id),
    role    TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'agronomist', 'inspector', 'viewer')),
    UNIQUE (user_id, farm_id)
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash || canonical entry).
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    detail_json TEXT NOT NULL DEFAULT '{}',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Faults the demo generator injected, so detectors can be scored (precision/recall).
CREATE TABLE demo_faults (
    lid        INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
