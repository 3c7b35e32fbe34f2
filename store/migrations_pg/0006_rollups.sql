-- PostgreSQL's spelling of ../migrations/0006_rollups.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, DOUBLE
-- PRECISION for REAL, BYTEA for BLOB, ids numbered as SQLite numbers them
-- (salesgoal_next_id, 0001), and text compared byte by byte (COLLATE "C"), as SQLite
-- compares it, so that every ordering is the same on both engines.
--
-- Schema 6: the rollups (docs/architecture.md, "Rollups"): the per-day
-- summaries every metric is computed from, kept by each import in its own
-- transaction. They are built from the rows, in the same transaction as
-- this schema, by the store (migrate.go: rebuildRollups).

-- The keys the cells are kept by: an owner, a team and a currency (""
-- for customers; spend has only a currency), with counters over all of
-- their rows: deals, those with a created date, won with a close date,
-- lost; customers, those with an acquisition date; and the sums, as if
-- every value were positive, of the deals' amounts and costs and of the
-- spend (the limit of docs/import.md bounds them).
CREATE TABLE rollup_keys (
	id        BIGINT PRIMARY KEY,
	owner     TEXT COLLATE "C" NOT NULL,
	team      TEXT COLLATE "C" NOT NULL,
	currency  TEXT COLLATE "C" NOT NULL,
	deals     BIGINT NOT NULL,
	dated     BIGINT NOT NULL,
	won       BIGINT NOT NULL,
	lost      BIGINT NOT NULL,
	customers BIGINT NOT NULL,
	acquired  BIGINT NOT NULL,
	amounts   BIGINT NOT NULL,
	costs     BIGINT NOT NULL,
	spend     BIGINT NOT NULL,
	UNIQUE (owner, team, currency)
);

-- The cells, one compact blob per slot: a day's deal and spend cells, a
-- month's customers, a bucket of the deals' fingerprints, the series of
-- open deals without a close date, the open deals without a created date
-- (package rollup encodes them; rollup.Slot numbers them).
CREATE TABLE rollups (
	slot  BIGINT PRIMARY KEY,
	cells BYTEA NOT NULL
);

-- The fingerprint of the file row that last wrote each deal
-- (store/import_hash.go): a re-import skips the rows it meets again.
ALTER TABLE deals ADD COLUMN hash BIGINT;

-- What closed on a customer's first won day (first_won_at): how many won
-- deals, and the untyped ones by key, which are not expansion deals.
ALTER TABLE customers ADD COLUMN first_won_deals BYTEA;

-- No query reads deals by date any more: the rollups answer them.
DROP INDEX deals_closed;
DROP INDEX deals_created;
