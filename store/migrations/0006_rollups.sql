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
	id        INTEGER PRIMARY KEY,
	owner     TEXT NOT NULL,
	team      TEXT NOT NULL,
	currency  TEXT NOT NULL,
	deals     INTEGER NOT NULL,
	dated     INTEGER NOT NULL,
	won       INTEGER NOT NULL,
	lost      INTEGER NOT NULL,
	customers INTEGER NOT NULL,
	acquired  INTEGER NOT NULL,
	amounts   INTEGER NOT NULL,
	costs     INTEGER NOT NULL,
	spend     INTEGER NOT NULL,
	UNIQUE (owner, team, currency)
);

-- The cells, one compact blob per slot: a day's deal and spend cells, a
-- month's customers, a bucket of the deals' fingerprints, the series of
-- open deals without a close date, the open deals without a created date
-- (package rollup encodes them; rollup.Slot numbers them).
CREATE TABLE rollups (
	slot  INTEGER PRIMARY KEY,
	cells BLOB NOT NULL
);

-- The fingerprint of the file row that last wrote each deal
-- (store/import_hash.go): a re-import skips the rows it meets again.
ALTER TABLE deals ADD COLUMN hash INTEGER;

-- What closed on a customer's first won day (first_won_at): how many won
-- deals, and the untyped ones by key, which are not expansion deals.
ALTER TABLE customers ADD COLUMN first_won_deals BLOB;

-- No query reads deals by date any more: the rollups answer them.
DROP INDEX deals_closed;
DROP INDEX deals_created;
