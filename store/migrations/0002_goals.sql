-- Schema 2: goals and their SMART assessments (DESIGN.md §5).
-- Dates are ISO TEXT (YYYY-MM-DD); timestamps are RFC 3339 in UTC.
-- Target and baseline values are REAL in the metric's unit (money in major
-- units), as metric computes them.

CREATE TABLE goals (
	id             INTEGER PRIMARY KEY,
	name           TEXT NOT NULL,
	category       TEXT NOT NULL,
	metric         TEXT NOT NULL,
	scope_kind     TEXT NOT NULL CHECK (scope_kind IN ('company', 'team', 'owner')),
	scope_value    TEXT NOT NULL DEFAULT '',
	period_label   TEXT NOT NULL,
	period_kind    TEXT NOT NULL CHECK (period_kind IN ('quarter', 'month', 'week', 'year', 'range')),
	period_start   TEXT NOT NULL,
	period_end     TEXT NOT NULL,
	target_spec    TEXT NOT NULL,  -- as typed: 120000, +9%, -3pp
	target_value   REAL,           -- resolved; NULL for a relative target whose baseline is null
	baseline_spec  TEXT NOT NULL,  -- how the baseline period was chosen: previous, last-year or a period
	baseline_label TEXT NOT NULL,
	baseline_kind  TEXT NOT NULL CHECK (baseline_kind IN ('quarter', 'month', 'week', 'year', 'range')),
	baseline_start TEXT NOT NULL,
	baseline_end   TEXT NOT NULL,
	baseline_value REAL,           -- NULL when the metric had no value over the baseline period
	parent_id      INTEGER REFERENCES goals (id) ON DELETE RESTRICT,
	note           TEXT NOT NULL DEFAULT '',
	forced         INTEGER NOT NULL DEFAULT 0,  -- 1: saved with --force despite a failed criterion
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	CHECK (period_start <= period_end),
	CHECK (scope_kind = 'company' OR scope_value <> '')
);

CREATE INDEX goals_parent ON goals (parent_id);
CREATE INDEX goals_period ON goals (period_start, period_end);

-- Every assessment made of a goal: when it was added or edited, and at
-- each `goal check`. reasons is a JSON object of the reason lines per
-- criterion: {"specific": ["…"], …}.
CREATE TABLE goal_assessments (
	id          INTEGER PRIMARY KEY,
	goal_id     INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
	as_of       TEXT NOT NULL,  -- the as-of date it was made for
	assessed_at TEXT NOT NULL,  -- when it was made
	verdict     TEXT NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail')),  -- the worst of the five
	specific    TEXT NOT NULL CHECK (specific IN ('pass', 'warn', 'fail')),
	measurable  TEXT NOT NULL CHECK (measurable IN ('pass', 'warn', 'fail')),
	attainable  TEXT NOT NULL CHECK (attainable IN ('pass', 'warn', 'fail')),
	relevant    TEXT NOT NULL CHECK (relevant IN ('pass', 'warn', 'fail')),
	time_bound  TEXT NOT NULL CHECK (time_bound IN ('pass', 'warn', 'fail')),
	reasons     TEXT NOT NULL
);

CREATE INDEX goal_assessments_goal ON goal_assessments (goal_id, id);
