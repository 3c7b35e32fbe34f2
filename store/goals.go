package store

import (
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
	// Sheet keeps the goals of one quota sheet; Parent the goals that
	// serve one goal.
	Sheet  string
	Parent int64
	// SheetOrder lists the goals of each sheet in the sheet's order, the
	// sheets by name, then the goals of no sheet by period and id: the
	// order of an export.
	SheetOrder bool
}

// goalFields are the columns of a goal that goalArgs fills, in order.
var goalFields = []string{"name", "category", "metric", "scope_kind", "scope_value",
	"period_label", "period_kind", "period_start", "period_end", "target_spec", "target_value",
	"baseline_spec", "baseline_label", "baseline_kind", "baseline_start", "baseline_end", "baseline_value", "baseline_through",
	"parent_id", "note", "forced", "commit_spec", "commit_value", "stretch_spec", "stretch_value",
	"baseline_goal", "sheet", "sheet_row"}

// goalColumns lists the columns scanGoal reads, in order.
var goalColumns = "id, " + strings.Join(goalFields, ", ") + ", created_at"

// insertGoal and updateGoal write goalArgs, then the times.
var (
	insertGoal = `INSERT INTO goals (` + strings.Join(goalFields, ", ") + `, created_at, updated_at)
		VALUES (` + marks("?", len(goalFields)+2) + `) RETURNING id`
	updateGoal = `UPDATE goals SET ` + strings.Join(goalFields, " = ?, ") + ` = ?, updated_at = ? WHERE id = ?`
)

// CreateGoal validates g and saves it with the assessment that accepted
// it, in one transaction, and sets g.ID. at is when the goal was made.
func (db *DB) CreateGoal(ctx context.Context, g *goal.Goal, a goal.Assessment, at time.Time) error {
	if err := g.Validate(); err != nil {
		return err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createGoal(ctx, tx, g, &a, at); err != nil {
		return err
	}
	return tx.Commit()
}

// createGoal inserts g (validated) and the assessment that accepted it,
// and sets g.ID.
func createGoal(ctx context.Context, tx DBTX, g *goal.Goal, a *goal.Assessment, at time.Time) error {
	if g.CreatedAt.IsZero() {
		g.CreatedAt = at
	}
	if err := checkParent(ctx, tx, g); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, insertGoal, append(goalArgs(*g), timestamp(g.CreatedAt), timestamp(at))...).Scan(&g.ID); err != nil {
		return fmt.Errorf("save goal: %w", err)
	}
	if a == nil {
		return nil
	}
	return saveAssessment(ctx, tx, g.ID, *a, at)
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
	if err := updateGoalTx(ctx, tx, g, &a, at); err != nil {
		return err
	}
	return tx.Commit()
}

// updateGoalTx replaces the saved goal g.ID with g (validated), and
// records the assessment made of it, if any.
func updateGoalTx(ctx context.Context, tx DBTX, g goal.Goal, a *goal.Assessment, at time.Time) error {
	if err := checkParent(ctx, tx, &g); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, updateGoal, append(goalArgs(g), timestamp(at), g.ID)...)
	if err != nil {
		return fmt.Errorf("save goal #%d: %w", g.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("goal #%d: %w", g.ID, ErrGoalNotFound)
	}
	if a == nil {
		return nil
	}
	return saveAssessment(ctx, tx, g.ID, *a, at)
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

// goalArgs are the values of g for goalFields.
func goalArgs(g goal.Goal) []any {
	var sheet, row any
	if g.Sheet != "" {
		sheet, row = g.Sheet, g.SheetRow
	}
	return []any{g.Name, g.Category, g.Metric, string(g.Scope.Level), g.Scope.Value,
		g.Period.Label, periodGrain(g.Period), metric.FormatDate(g.Period.Start), metric.FormatDate(g.Period.End),
		g.Target.Spec, nullable(g.TargetValue),
		g.Baseline.Spec, g.Baseline.Period.Label, periodGrain(g.Baseline.Period),
		metric.FormatDate(g.Baseline.Period.Start), metric.FormatDate(g.Baseline.Period.End), nullable(g.Baseline.Value),
		baselineThrough(g.Baseline), nullID(g.ParentID), g.Note, g.Forced,
		g.Commit.Spec, nullable(g.CommitValue), g.Stretch.Spec, nullable(g.StretchValue),
		nullID(g.Baseline.From), sheet, row}
}

// nullID is NULL for the id 0, which names no goal.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// baselineThrough is the last day the baseline value counts, the end of
// its period unless it was measured before then.
func baselineThrough(b goal.Baseline) string {
	if b.Through.IsZero() || b.Through.After(b.Period.End) || b.Through.Before(b.Period.Start.AddDate(0, 0, -1)) {
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
	if f.Sheet != "" {
		where = append(where, "sheet = ?")
		args = append(args, f.Sheet)
	}
	if f.Parent != 0 {
		where = append(where, "parent_id = ?")
		args = append(args, f.Parent)
	}
	if len(f.IDs) > 0 {
		where = append(where, "id IN ("+marks("?", len(f.IDs))+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	q := `SELECT ` + goalColumns + ` FROM goals`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	order := ` ORDER BY period_start, id`
	if f.SheetOrder {
		order = ` ORDER BY sheet IS NULL, sheet, sheet_row, period_start, id`
	}
	rows, err := db.db.QueryContext(ctx, q+order, args...)
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
