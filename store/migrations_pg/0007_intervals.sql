-- PostgreSQL's spelling of ../migrations/0007_intervals.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, BYTEA for
-- BLOB, and text compared byte by byte (COLLATE "C"), as SQLite compares it.
--
-- Schema 7: customers who leave and come back (docs/metrics.md,
-- "Customers who leave and come back"). A customer is active in
-- intervals. One whose row says all (lifecycle = 0) has one: from its
-- acquisition date (acquired_at, else first_won_at) up to churned_at, as
-- every customer of an older database. Churn events and subscriptions make
-- a customer's lifecycle (lifecycle = 1): its intervals are then those of
-- customer_intervals, worked out again by every import that touches it.

-- One line of a churn-events file: a churn on churned_at, or, with
-- reactivation = 1, a return on that day; a churn may name the day the
-- customer came back (reactivated_at).
CREATE TABLE churn_events (
	customer_id    TEXT COLLATE "C" NOT NULL,
	churned_at     TEXT COLLATE "C" NOT NULL,
	reactivation   BIGINT NOT NULL CHECK (reactivation = 0 OR reactivation = 1),
	reactivated_at TEXT COLLATE "C",
	PRIMARY KEY (customer_id, churned_at, reactivation)
);

-- One line of a subscriptions file; counts = 0 for a trial or a free
-- subscription, which keeps no customer active.
CREATE TABLE subscriptions (
	id          TEXT COLLATE "C" PRIMARY KEY,
	customer_id TEXT COLLATE "C" NOT NULL,
	started_at  TEXT COLLATE "C" NOT NULL,
	ended_at    TEXT COLLATE "C",
	counts      BIGINT NOT NULL CHECK (counts = 0 OR counts = 1)
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);

ALTER TABLE customers ADD COLUMN lifecycle BIGINT NOT NULL DEFAULT 0;

-- The intervals of the customers whose lifecycle is kept: active from
-- start_at up to, not including, end_at (NULL: still active). A later
-- interval that begins on the close of won deals keeps what closed that
-- day (as first_won_deals does for the first won day): its untyped won
-- deals brought the customer back, and are no expansion deals.
CREATE TABLE customer_intervals (
	customer_id TEXT COLLATE "C" NOT NULL,
	start_at    TEXT COLLATE "C" NOT NULL,
	end_at      TEXT COLLATE "C",
	won_deals   BYTEA,
	PRIMARY KEY (customer_id, start_at)
);
