-- PostgreSQL's spelling of ../migrations/0004_carried.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, DOUBLE
-- PRECISION for REAL, BYTEA for BLOB, ids numbered as SQLite numbers them
-- (salesgoal_next_id, 0001), and text compared byte by byte (COLLATE "C"), as SQLite
-- compares it, so that every ordering is the same on both engines.
--
-- Schema 4: the record of what imports carried, and the day a goal's
-- baseline was measured through (docs/metrics.md, "Measurable or null";
-- docs/goals.md, "Baselines").

-- Every field a kind's files ever carried: a column that was present, even
-- with every cell empty, or a --set value. A metric whose input no file
-- carried is null, with the reason, never 0.
CREATE TABLE carried (
	kind  TEXT COLLATE "C" NOT NULL CHECK (kind IN ('deals', 'customers', 'spend')),
	field TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (kind, field)
);

-- A database imported before this record existed: what its rows show the
-- files carried. A column whose every cell was empty left no trace, so it
-- is not recorded; importing the file again records it.
INSERT INTO carried (kind, field)
	SELECT 'deals', 'amount' WHERE EXISTS (SELECT 1 FROM deals WHERE amount <> 0)
	UNION ALL SELECT 'deals', 'cost' WHERE EXISTS (SELECT 1 FROM deals WHERE cost IS NOT NULL)
	UNION ALL SELECT 'deals', 'discount' WHERE EXISTS (SELECT 1 FROM deals WHERE discount IS NOT NULL)
	UNION ALL SELECT 'customers', 'churned_at' WHERE EXISTS (SELECT 1 FROM customers WHERE churned_at IS NOT NULL)
	UNION ALL SELECT 'spend', f.field FROM (SELECT 'date' AS field UNION ALL SELECT 'channel' UNION ALL SELECT 'amount') f
		WHERE EXISTS (SELECT 1 FROM spend) OR EXISTS (SELECT 1 FROM imports WHERE kind = 'spend');

-- The last day a goal's baseline value counts: the end of its period, or
-- the as-of date it was measured on when that period was still running
-- (then the baseline is provisional and is measured again once the period
-- has ended). Goals saved before: the day they were created.
ALTER TABLE goals ADD COLUMN baseline_through TEXT COLLATE "C";
UPDATE goals SET baseline_through = LEAST(baseline_end, substr(created_at, 1, 10));
