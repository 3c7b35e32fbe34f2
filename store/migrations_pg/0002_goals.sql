-- PostgreSQL's spelling of ../migrations/0002_goals.sql, applied as its number on
-- a PostgreSQL database (store/migrate.go): BIGINT for INTEGER, DOUBLE
-- PRECISION for REAL, BYTEA for BLOB, ids numbered as SQLite numbers them
-- (salesgoal_next_id, 0001), and text compared byte by byte (COLLATE "C"), as SQLite
-- compares it, so that every ordering is the same on both engines.
--
-- Schema 2: goals and their SMART assessments (DESIGN.md §5).
-- Dates are ISO TEXT (YYYY-MM-DD); timestamps are RFC 3339 in UTC.
-- Target and baseline values are DOUBLE PRECISION in the metric's unit (money in major
-- units), as metric computes them.

CREATE TABLE goals (
	id             BIGINT PRIMARY KEY,
	name           TEXT COLLATE "C" NOT NULL,
	category       TEXT COLLATE "C" NOT NULL,
	metric         TEXT COLLATE "C" NOT NULL,
	scope_kind     TEXT COLLATE "C" NOT NULL CHECK (scope_kind IN ('company', 'team', 'owner')),
	scope_value    TEXT COLLATE "C" NOT NULL DEFAULT '',
	period_label   TEXT COLLATE "C" NOT NULL,
	period_kind    TEXT COLLATE "C" NOT NULL CHECK (period_kind IN ('quarter', 'month', 'week', 'year', 'range')),
	period_start   TEXT COLLATE "C" NOT NULL,
	period_end     TEXT COLLATE "C" NOT NULL,
	target_spec    TEXT COLLATE "C" NOT NULL,  -- as typed: 120000, +9%, -3pp
	target_value   DOUBLE PRECISION,           -- resolved; NULL for a relative target whose baseline is null
	baseline_spec  TEXT COLLATE "C" NOT NULL,  -- how the baseline period was chosen: previous, last-year or a period
	baseline_label TEXT COLLATE "C" NOT NULL,
	baseline_kind  TEXT COLLATE "C" NOT NULL CHECK (baseline_kind IN ('quarter', 'month', 'week', 'year', 'range')),
	baseline_start TEXT COLLATE "C" NOT NULL,
	baseline_end   TEXT COLLATE "C" NOT NULL,
	baseline_value DOUBLE PRECISION,           -- NULL when the metric had no value over the baseline period
	parent_id      BIGINT REFERENCES goals (id) ON DELETE RESTRICT,
	note           TEXT COLLATE "C" NOT NULL DEFAULT '',
	forced         BIGINT NOT NULL DEFAULT 0,  -- 1: saved with --force despite a failed criterion
	created_at     TEXT COLLATE "C" NOT NULL,
	updated_at     TEXT COLLATE "C" NOT NULL,
	CHECK (period_start <= period_end),
	CHECK (scope_kind = 'company' OR scope_value <> '')
);

CREATE INDEX goals_parent ON goals (parent_id);
CREATE INDEX goals_period ON goals (period_start, period_end);

-- Every assessment made of a goal: when it was added or edited, and at
-- each `goal check`. reasons is a JSON object of the reason lines per
-- criterion: {"specific": ["…"], …}.
CREATE TABLE goal_assessments (
	id          BIGINT PRIMARY KEY,
	goal_id     BIGINT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	as_of       TEXT COLLATE "C" NOT NULL,  -- the as-of date it was made for
	assessed_at TEXT COLLATE "C" NOT NULL,  -- when it was made
	verdict     TEXT COLLATE "C" NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail')),  -- the worst of the five
	specific    TEXT COLLATE "C" NOT NULL CHECK (specific IN ('pass', 'warn', 'fail')),
	measurable  TEXT COLLATE "C" NOT NULL CHECK (measurable IN ('pass', 'warn', 'fail')),
	attainable  TEXT COLLATE "C" NOT NULL CHECK (attainable IN ('pass', 'warn', 'fail')),
	relevant    TEXT COLLATE "C" NOT NULL CHECK (relevant IN ('pass', 'warn', 'fail')),
	time_bound  TEXT COLLATE "C" NOT NULL CHECK (time_bound IN ('pass', 'warn', 'fail')),
	reasons     TEXT COLLATE "C" NOT NULL
);

CREATE INDEX goal_assessments_goal ON goal_assessments (goal_id, id);

CREATE TRIGGER goals_next_id BEFORE INSERT ON goals
	FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION salesgoal_next_id();

CREATE TRIGGER goal_assessments_next_id BEFORE INSERT ON goal_assessments
	FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION salesgoal_next_id();
