-- Schema 1: the three kinds of imported rows, settings and the import log.
-- Goals come in 0002_goals.sql.
-- Dates are ISO TEXT (YYYY-MM-DD); money is INTEGER minor units (cents).

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE deals (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL DEFAULT '',
	customer_id TEXT NOT NULL DEFAULT '',
	owner       TEXT NOT NULL DEFAULT '',
	team        TEXT NOT NULL DEFAULT '',
	-- The CHECKs compare with = rather than IN: SQLite builds a table for
	-- an IN list of three or more values on every row it checks, which was
	-- a tenth of a bulk import's time.
	stage       TEXT NOT NULL CHECK (stage = 'won' OR stage = 'lost' OR stage = 'open'),
	stage_label TEXT NOT NULL DEFAULT '',  -- the CRM's own label, as exported
	type        TEXT NOT NULL DEFAULT '' CHECK (type = '' OR type = 'new' OR type = 'upsell' OR type = 'cross-sell' OR type = 'renewal'),
	amount      INTEGER NOT NULL DEFAULT 0,
	cost        INTEGER,                   -- NULL: not given
	discount    REAL,                      -- percent 0–100; NULL: not given
	currency    TEXT NOT NULL,
	created_at  TEXT,
	closed_at   TEXT
);

-- Customers named by deals but absent from a customers file exist
-- implicitly (implicit = 1). first_won_at is derived from deals after every
-- import, so a customer's acquisition date is COALESCE(acquired_at, first_won_at).
CREATE TABLE customers (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL DEFAULT '',
	owner        TEXT NOT NULL DEFAULT '',
	team         TEXT NOT NULL DEFAULT '',
	segment      TEXT NOT NULL DEFAULT '',
	acquired_at  TEXT,
	churned_at   TEXT,
	implicit     INTEGER NOT NULL DEFAULT 0,
	first_won_at TEXT
);

CREATE TABLE spend (
	date     TEXT NOT NULL,
	channel  TEXT NOT NULL,
	amount   INTEGER NOT NULL,
	category TEXT NOT NULL DEFAULT 'marketing' CHECK (category IN ('marketing', 'sales')),
	currency TEXT NOT NULL,
	PRIMARY KEY (date, channel)
);

CREATE TABLE imports (
	id        INTEGER PRIMARY KEY,
	file      TEXT NOT NULL,
	sha256    TEXT NOT NULL,
	kind      TEXT NOT NULL,
	inserted  INTEGER NOT NULL,
	updated   INTEGER NOT NULL,
	unchanged INTEGER NOT NULL,
	skipped   INTEGER NOT NULL,
	at        TEXT NOT NULL
);

-- Indexes for the metrics of one period (store/metrics.go): deals won or
-- lost in a range, and deals created in a range (also the open deals
-- without a created date). A period that covers most of the data reads the
-- table instead (see indexHint). The closed index leaves open deals out:
-- no metric asks for them by close date, and a smaller index is quicker
-- to rebuild after a bulk import.
CREATE INDEX deals_closed ON deals (closed_at) WHERE stage IN ('won', 'lost');
CREATE INDEX deals_created ON deals (created_at);
