-- Version 2: aggregates the dashboard reads instead of scanning raw sales.
-- Maintained incrementally by whoever writes sales_daily (core/store/salesbulkwriter).

CREATE TABLE sales_farm_daily (
    farm     INTEGER NOT NULL REFERENCES farms(lid),
    day      INTEGER NOT NULL,
    units    REAL NOT NULL DEFAULT 0,
    revenue  REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (farm, day)
) WITHOUT ROWID;

INSERT INTO sales_farm_daily (farm, day, units, revenue)
SELECT f.lid, s.day, sum(s.quantity), sum(s.quantity * s.price)
FROM sales_daily s
JOIN products p ON p.lid = s.product
JOIN farms f ON f.id = p.farm_id
GROUP BY f.lid, s.day;

-- Stock-out days are rare; a partial index keeps "products out of stock in 30 days" cheap.
CREATE INDEX sales_daily_stockouts ON sales_daily(day, product) WHERE stockout = 1;
