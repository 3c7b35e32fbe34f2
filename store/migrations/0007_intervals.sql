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
	customer_id    TEXT NOT NULL,
	churned_at     TEXT NOT NULL,
	reactivation   INTEGER NOT NULL CHECK (reactivation = 0 OR reactivation = 1),
	reactivated_at TEXT,
	PRIMARY KEY (customer_id, churned_at, reactivation)
);

-- One line of a subscriptions file; counts = 0 for a trial or a free
-- subscription, which keeps no customer active.
CREATE TABLE subscriptions (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL,
	started_at  TEXT NOT NULL,
	ended_at    TEXT,
	counts      INTEGER NOT NULL CHECK (counts = 0 OR counts = 1)
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);

ALTER TABLE customers ADD COLUMN lifecycle INTEGER NOT NULL DEFAULT 0;

-- The intervals of the customers whose lifecycle is kept: active from
-- start_at up to, not including, end_at (NULL: still active). A later
-- interval that begins on the close of won deals keeps what closed that
-- day (as first_won_deals does for the first won day): its untyped won
-- deals brought the customer back, and are no expansion deals.
CREATE TABLE customer_intervals (
	customer_id TEXT NOT NULL,
	start_at    TEXT NOT NULL,
	end_at      TEXT,
	won_deals   BLOB,
	PRIMARY KEY (customer_id, start_at)
);
