-- Version 6: detectors' alerts, deduplicated by fingerprint, and the append-only events that
-- people and detectors add to them (docs/alerts.md).

-- An alert is one ongoing problem: the detector that raised it, what it is about (a sensor, an
-- inspection, a supplier), and the episode it covers, widened as the problem goes on.
ALTER TABLE alerts ADD COLUMN detector TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN field_id TEXT REFERENCES fields(id);
ALTER TABLE alerts ADD COLUMN first_ts INTEGER; -- episode, Unix seconds (UTC)
ALTER TABLE alerts ADD COLUMN last_ts INTEGER;
ALTER TABLE alerts ADD COLUMN explanation TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
CREATE INDEX alerts_fingerprint ON alerts(fingerprint, last_ts);
CREATE INDEX alerts_opened ON alerts(opened_at);

-- A rate-of-change limit per sensor (units per hour), for the rate check.
ALTER TABLE sensors ADD COLUMN max_rate_per_hour REAL CHECK (max_rate_per_hour IS NULL OR max_rate_per_hour > 0);

-- Everything that happens to an alert, by whom and when. Synced as events (never merged
-- column by column), so two people acting offline both keep their action; the alert's status
-- and assignee are derived from the events in (at, id) order.
CREATE TABLE alert_events (
    lid      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    farm_id  TEXT NOT NULL REFERENCES farms(id),
    alert_id TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('open', 'update', 'acknowledge', 'annotate', 'assign',
                                             'escalate', 'resolve', 'reopen', 'read')),
    actor    TEXT NOT NULL CHECK (length(trim(actor)) > 0),
    at       TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT '',
    assignee TEXT NOT NULL DEFAULT '',
    CHECK (action <> 'annotate' OR length(trim(note)) > 0),
    CHECK (action <> 'assign' OR length(trim(assignee)) > 0)
);
CREATE INDEX alert_events_alert ON alert_events(alert_id, at);

CREATE TRIGGER alert_events_append_only_update BEFORE UPDATE ON alert_events
BEGIN
    SELECT RAISE(ABORT, 'alert events are append-only');
END;
CREATE TRIGGER alert_events_append_only_delete BEFORE DELETE ON alert_events
BEGIN
    SELECT RAISE(ABORT, 'alert events are append-only');
END;

-- Detection passes (local): when, how long, what they read and raised, and — on a demo
-- workspace — precision and recall per detector against the generator's faults (JSON).
CREATE TABLE detection_runs (
    lid         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    started_at  TEXT NOT NULL,
    seconds     REAL NOT NULL DEFAULT 0,
    sensors     INTEGER NOT NULL DEFAULT 0,
    readings    INTEGER NOT NULL DEFAULT 0,
    inspections INTEGER NOT NULL DEFAULT 0,
    findings    INTEGER NOT NULL DEFAULT 0,
    opened      INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    scores      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scores))
);
