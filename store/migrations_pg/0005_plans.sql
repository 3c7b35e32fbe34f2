-- PostgreSQL's spelling of ../migrations/0005_plans.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, DOUBLE
-- PRECISION for REAL, BYTEA for BLOB, ids numbered as SQLite numbers them
-- (salesgoal_next_id, 0001), and text compared byte by byte (COLLATE "C"), as SQLite
-- compares it, so that every ordering is the same on both engines.
--
-- Schema 5: goals the way sales teams set them (docs/goals.md, "Tiers",
-- "Every month", "Quota sheets").

-- The tiers beside a goal's target, written and resolved like it: the
-- commit (the floor the team commits to) and the stretch (the upside).
-- An empty spec is no tier.
ALTER TABLE goals ADD COLUMN commit_spec   TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN commit_value  DOUBLE PRECISION;
ALTER TABLE goals ADD COLUMN stretch_spec  TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN stretch_value DOUBLE PRECISION;

-- A planned baseline (baseline_through before baseline_start) is the
-- target of the goal set for the baseline period, until that period ends:
-- the link of a chain of relative targets. The goal it follows, while it
-- exists.
ALTER TABLE goals ADD COLUMN baseline_goal BIGINT REFERENCES goals (id) ON DELETE SET NULL;

-- The quota sheet that keeps the goal (NULL: added by hand) and its place
-- in the sheet, so that the sheet applied again finds its goals and retires
-- those it no longer lists, and an export writes them in its order.
ALTER TABLE goals ADD COLUMN sheet     TEXT COLLATE "C";
ALTER TABLE goals ADD COLUMN sheet_row BIGINT;

CREATE INDEX goals_sheet ON goals (sheet, sheet_row);
CREATE INDEX goals_baseline_goal ON goals (baseline_goal);
