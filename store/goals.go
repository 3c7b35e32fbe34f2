package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// ErrGoalNotFound reports a goal id that is not in the database.
var ErrGoalNotFound = goal.ErrNotFound

// ErrGoalHasChildren reports a goal that other goals name as their parent:
// it cannot be removed before them.
var ErrGoalHasChildren = errors.New("other goals serve this goal")

// GoalFilter selects goals for Goals; zero fields select everything.
type GoalFilter struct {
	// Period keeps goals whose period overlaps it (nil: any period), so
	// that the goals running in 2027-Q1 include the year 2027's.
	Period   *metric.Period
	Category string
	Owner    string // goals set for this owner
	Team     string // goals set for this team
	IDs      []int64
}

// goalColumns lists the columns scanGoal reads, in order.
const goalColumns = `id, name, category, metric, scope_kind, scope_value,
	period_label, period_kind, period_start, period_end, target_spec, target_value,
	baseline_spec, baseline_label, baseline_kind, baseline_start, baseline_end, baseline_value, baseline_through,
	parent_id, note, forced, created_at`

// CreateGoal validates g and saves it with the assessment that accepted
// it, in one transaction, and sets g.ID. at is when the goal was made.
func (db *DB) CreateGoal(ctx context.Context, g *goal.Goal, a goal.Assessment, at time.Time) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if g.CreatedAt.IsZero() {
		g.CreatedAt = at
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkParent(ctx, tx, g); err != nil {
		return err
	}
	args := goalArgs(*g)
	res, err := tx.ExecContext(ctx, `INSERT INTO goals (name, category, metric, scope_kind, scope_value,
		period_label, period_kind, period_start, period_end, target_spec, target_value,
		baseline_spec, baseline_label, baseline_kind, baseline_start, baseline_end, baseline_value, baseline_through,
		parent_id, note, forced, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append(args, timestamp(g.CreatedAt), timestamp(at))...)
	if err != nil {
		return fmt.Errorf("save goal: %w", err)
	}
	if g.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := saveAssessment(ctx, tx, g.ID, a, at); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateGoal validates g and replaces the saved goal g.ID with it, together
// with the assessment made of it, in one transaction. at is when.
func (db *DB) UpdateGoal(ctx context.Context, g goal.Goal, a goal.Assessment, at time.Time) error {
	if err := g.Validate(); err != nil {
		return err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkParent(ctx, tx, &g); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE goals SET name = ?, category = ?, metric = ?, scope_kind = ?, scope_value = ?,
		period_label = ?, period_kind = ?, period_start = ?, period_end = ?, target_spec = ?, target_value = ?,
		baseline_spec = ?, baseline_label = ?, baseline_kind = ?, baseline_start = ?, baseline_end = ?, baseline_value = ?,
		baseline_through = ?, parent_id = ?, note = ?, forced = ?, updated_at = ?
		WHERE id = ?`, append(goalArgs(g), timestamp(at), g.ID)...)
	if err != nil {
		return fmt.Errorf("save goal #%d: %w", g.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("goal #%d: %w", g.ID, ErrGoalNotFound)
	}
	if err := saveAssessment(ctx, tx, g.ID, a, at); err != nil {
		return err
	}
	return tx.Commit()
}

// checkParent makes sure g's parent exists and is not g itself or one of
// the goals that serve g, so that goals form a tree.
func checkParent(ctx context.Context, q DBTX, g *goal.Goal) error {
	for id, seen := g.ParentID, 0; id != 0; seen++ {
		if id == g.ID || seen > 1000 {
			return fmt.Errorf("goal #%d cannot serve itself through its parent goals: %w", g.ID, goal.ErrInvalid)
		}
		var parent sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT parent_id FROM goals WHERE id = ?`, id).Scan(&parent)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("parent goal #%d: %w", id, ErrGoalNotFound)
		}
		if err != nil {
			return err
		}
		id = parent.Int64
	}
	return nil
}

// goalArgs are the values of g for the columns from name to forced.
func goalArgs(g goal.Goal) []any {
	var parent any
	if g.ParentID != 0 {
		parent = g.ParentID
	}
	return []any{g.Name, g.Category, g.Metric, string(g.Scope.Level), g.Scope.Value,
		g.Period.Label, periodGrain(g.Period), metric.FormatDate(g.Period.Start), metric.FormatDate(g.Period.End),
		g.Target.Spec, nullable(g.TargetValue),
		g.Baseline.Spec, g.Baseline.Period.Label, periodGrain(g.Baseline.Period),
		metric.FormatDate(g.Baseline.Period.Start), metric.FormatDate(g.Baseline.Period.End), nullable(g.Baseline.Value),
		baselineThrough(g.Baseline), parent, g.Note, g.Forced}
}

// baselineThrough is the last day the baseline value counts, the end of
// its period unless it was measured before then.
func baselineThrough(b goal.Baseline) string {
	if b.Through.IsZero() || b.Through.After(b.Period.End) {
		return metric.FormatDate(b.Period.End)
	}
	return metric.FormatDate(b.Through)
}

func periodGrain(p metric.Period) string {
	if p.Grain == "" {
		return string(metric.GrainRange)
	}
	return string(p.Grain)
}

func nullable(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func timestamp(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// Goal returns the goal with the given id.
func (db *DB) Goal(ctx context.Context, id int64) (goal.Goal, error) {
	gs, err := db.Goals(ctx, GoalFilter{IDs: []int64{id}})
	if err != nil {
		return goal.Goal{}, err
	}
	if len(gs) == 0 {
		return goal.Goal{}, fmt.Errorf("goal #%d: %w", id, ErrGoalNotFound)
	}
	return gs[0], nil
}

// Goals returns the goals the filter selects, by period start, then id.
func (db *DB) Goals(ctx context.Context, f GoalFilter) ([]goal.Goal, error) {
	var where []string
	var args []any
	if f.Period != nil {
		where = append(where, "period_start <= ? AND period_end >= ?")
		args = append(args, metric.FormatDate(f.Period.End), metric.FormatDate(f.Period.Start))
	}
	if f.Category != "" {
		where = append(where, "category = ?")
		args = append(args, f.Category)
	}
	if f.Owner != "" {
		where = append(where, "scope_kind = 'owner' AND scope_value = ?")
		args = append(args, f.Owner)
	}
	if f.Team != "" {
		where = append(where, "scope_kind = 'team' AND scope_value = ?")
		args = append(args, f.Team)
	}
	if len(f.IDs) > 0 {
		where = append(where, "id IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(f.IDs)), ", ")+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	q := `SELECT ` + goalColumns + ` FROM goals`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY period_start, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list goals: %w", err)
	}
	defer rows.Close()
	gs := []goal.Goal{}
	for rows.Next() {
		g, err := scanGoal(rows)
		if err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

func scanGoal(rows *sql.Rows) (goal.Goal, error) {
	var (
		g                                   goal.Goal
		level, pGrain, pStart, pEnd         string
		bGrain, bStart, bEnd, created, spec string
		through                             sql.NullString
		target, baseline                    sql.NullFloat64
		parent                              sql.NullInt64
	)
	err := rows.Scan(&g.ID, &g.Name, &g.Category, &g.Metric, &level, &g.Scope.Value,
		&g.Period.Label, &pGrain, &pStart, &pEnd, &spec, &target,
		&g.Baseline.Spec, &g.Baseline.Period.Label, &bGrain, &bStart, &bEnd, &baseline, &through,
		&parent, &g.Note, &g.Forced, &created)
	if err != nil {
		return g, fmt.Errorf("read goal: %w", err)
	}
	g.Scope.Level = metric.Level(level)
	g.ParentID = parent.Int64
	if target.Valid {
		g.TargetValue = &target.Float64
	}
	if baseline.Valid {
		g.Baseline.Value = &baseline.Float64
	}
	if g.Target, err = goal.ParseTarget(spec); err != nil {
		return g, fmt.Errorf("goal #%d: %w", g.ID, err)
	}
	g.Period.Grain, g.Baseline.Period.Grain = metric.Grain(pGrain), metric.Grain(bGrain)
	for _, d := range []struct {
		dst *time.Time
		s   string
	}{{&g.Period.Start, pStart}, {&g.Period.End, pEnd}, {&g.Baseline.Period.Start, bStart}, {&g.Baseline.Period.End, bEnd},
		{&g.Baseline.Through, cmp.Or(through.String, bEnd)}} {
		if *d.dst, err = metric.ParseDate(d.s); err != nil {
			return g, fmt.Errorf("goal #%d: %w", g.ID, err)
		}
	}
	if g.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
		return g, fmt.Errorf("goal #%d: created_at %q: %w", g.ID, created, err)
	}
	return g, nil
}

// DeleteGoal removes a goal and its assessments. A goal that other goals
// serve is refused with ErrGoalHasChildren, naming them.
func (db *DB) DeleteGoal(ctx context.Context, id int64) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM goals WHERE parent_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	var children []string
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		children = append(children, "#"+strconv.FormatInt(c, 10))
	}
	rows.Close()
	if len(children) > 0 {
		return fmt.Errorf("%w: %s", ErrGoalHasChildren, strings.Join(children, ", "))
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM goals WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("remove goal #%d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("goal #%d: %w", id, ErrGoalNotFound)
	}
	return tx.Commit()
}
