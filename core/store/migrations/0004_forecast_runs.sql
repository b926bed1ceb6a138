-- Version 4: stored forecast runs, so later runs can be compared and accuracy tracked as
-- actuals arrive. Derived data: recomputable from sales, written by core/store/forecaststore
-- outside the change log, and not synced (each laptop keeps its own runs).

CREATE TABLE forecast_runs (
    lid            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,             -- ISO 8601 UTC
    first_day      INTEGER NOT NULL,          -- first forecast day (days since 1970-01-01)
    horizon        INTEGER NOT NULL CHECK (horizon > 0),
    method         TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    products       INTEGER NOT NULL DEFAULT 0,
    seconds        REAL NOT NULL DEFAULT 0
);

CREATE TABLE forecast_results (
    run             INTEGER NOT NULL REFERENCES forecast_runs(lid) ON DELETE CASCADE,
    product         INTEGER NOT NULL REFERENCES products(lid),
    model           TEXT NOT NULL,
    pattern         TEXT NOT NULL DEFAULT '',
    backtest_mase   REAL,
    backtest_smape  REAL,
    backtest_cov80  REAL,
    backtest_cov95  REAL,
    backtest_wape   REAL,
    backtest_points INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run, product)
) WITHOUT ROWID;

CREATE TABLE forecast_values (
    run     INTEGER NOT NULL REFERENCES forecast_runs(lid) ON DELETE CASCADE,
    product INTEGER NOT NULL REFERENCES products(lid),
    day     INTEGER NOT NULL,
    mean    REAL NOT NULL,
    lo80    REAL NOT NULL,
    hi80    REAL NOT NULL,
    lo95    REAL NOT NULL,
    hi95    REAL NOT NULL,
    PRIMARY KEY (run, product, day)
) WITHOUT ROWID;
