-- PostgreSQL's spelling of ../migrations/0001_init.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, DOUBLE
-- PRECISION for REAL, BYTEA for BLOB, ids numbered as SQLite numbers them
-- (salesgoal_next_id, 0001), and text compared byte by byte (COLLATE "C"), as SQLite
-- compares it, so that every ordering is the same on both engines.
--
-- Schema 1: the three kinds of imported rows, settings and the import log.
-- Goals come in 0002_goals.sql.
-- Dates are ISO TEXT (YYYY-MM-DD); money is INTEGER minor units (cents).

-- A row inserted without an id is given the largest id of its table plus
-- one, as SQLite numbers an INTEGER PRIMARY KEY: the same ids on both
-- engines, an id not used up by a transaction that rolled back (a dry run,
-- a refused goal), and explicit ids (a copy) need no sequence set after
-- them. Writers take salesgoal's write lock first, so two never pick the
-- same one.
CREATE FUNCTION salesgoal_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('SELECT COALESCE(MAX(id), 0) + 1 FROM %I', TG_TABLE_NAME) INTO NEW.id;
	RETURN NEW;
END
$$;

CREATE TABLE settings (
	key   TEXT COLLATE "C" PRIMARY KEY,
	value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE deals (
	id          TEXT COLLATE "C" PRIMARY KEY,
	name        TEXT COLLATE "C" NOT NULL DEFAULT '',
	customer_id TEXT COLLATE "C" NOT NULL DEFAULT '',
	owner       TEXT COLLATE "C" NOT NULL DEFAULT '',
	team        TEXT COLLATE "C" NOT NULL DEFAULT '',
	-- The CHECKs compare with = rather than IN: SQLite builds a table for
	-- an IN list of three or more values on every row it checks, which was
	-- a tenth of a bulk import's time.
	stage       TEXT COLLATE "C" NOT NULL CHECK (stage = 'won' OR stage = 'lost' OR stage = 'open'),
	stage_label TEXT COLLATE "C" NOT NULL DEFAULT '',  -- the CRM's own label, as exported
	type        TEXT COLLATE "C" NOT NULL DEFAULT '' CHECK (type = '' OR type = 'new' OR type = 'upsell' OR type = 'cross-sell' OR type = 'renewal'),
	amount      BIGINT NOT NULL DEFAULT 0,
	cost        BIGINT,                   -- NULL: not given
	discount    DOUBLE PRECISION,                      -- percent 0–100; NULL: not given
	currency    TEXT COLLATE "C" NOT NULL,
	created_at  TEXT COLLATE "C",
	closed_at   TEXT COLLATE "C"
);

-- Customers named by deals but absent from a customers file exist
-- implicitly (implicit = 1). first_won_at is derived from deals after every
-- import, so a customer's acquisition date is COALESCE(acquired_at, first_won_at).
CREATE TABLE customers (
	id           TEXT COLLATE "C" PRIMARY KEY,
	name         TEXT COLLATE "C" NOT NULL DEFAULT '',
	owner        TEXT COLLATE "C" NOT NULL DEFAULT '',
	team         TEXT COLLATE "C" NOT NULL DEFAULT '',
	segment      TEXT COLLATE "C" NOT NULL DEFAULT '',
	acquired_at  TEXT COLLATE "C",
	churned_at   TEXT COLLATE "C",
	implicit     BIGINT NOT NULL DEFAULT 0,
	first_won_at TEXT COLLATE "C"
);

CREATE TABLE spend (
	date     TEXT COLLATE "C" NOT NULL,
	channel  TEXT COLLATE "C" NOT NULL,
	amount   BIGINT NOT NULL,
	category TEXT COLLATE "C" NOT NULL DEFAULT 'marketing' CHECK (category IN ('marketing', 'sales')),
	currency TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (date, channel)
);

CREATE TABLE imports (
	id        BIGINT PRIMARY KEY,
	file      TEXT COLLATE "C" NOT NULL,
	sha256    TEXT COLLATE "C" NOT NULL,
	kind      TEXT COLLATE "C" NOT NULL,
	inserted  BIGINT NOT NULL,
	updated   BIGINT NOT NULL,
	unchanged BIGINT NOT NULL,
	skipped   BIGINT NOT NULL,
	at        TEXT COLLATE "C" NOT NULL
);

-- Indexes for the metrics of one period (store/metrics.go): deals won or
-- lost in a range, and deals created in a range (also the open deals
-- without a created date). A period that covers most of the data reads the
-- table instead (see indexHint). The closed index leaves open deals out:
-- no metric asks for them by close date, and a smaller index is quicker
-- to rebuild after a bulk import.
CREATE INDEX deals_closed ON deals (closed_at) WHERE stage IN ('won', 'lost');
CREATE INDEX deals_created ON deals (created_at);

CREATE TRIGGER imports_next_id BEFORE INSERT ON imports
	FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION salesgoal_next_id();
