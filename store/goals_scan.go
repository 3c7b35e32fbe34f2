package store

import (
	"cmp"
	"database/sql"
	"fmt"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// scanGoal reads a row of goalColumns.
func scanGoal(rows *sql.Rows) (goal.Goal, error) {
	var (
		g                                   goal.Goal
		level, pGrain, pStart, pEnd         string
		bGrain, bStart, bEnd, created, spec string
		commit, stretch                     string
		through, sheet                      sql.NullString
		target, baseline, cValue, sValue    sql.NullFloat64
		parent, from, row                   sql.NullInt64
	)
	err := rows.Scan(&g.ID, &g.Name, &g.Category, &g.Metric, &level, &g.Scope.Value,
		&g.Period.Label, &pGrain, &pStart, &pEnd, &spec, &target,
		&g.Baseline.Spec, &g.Baseline.Period.Label, &bGrain, &bStart, &bEnd, &baseline, &through,
		&parent, &g.Note, &g.Forced, &commit, &cValue, &stretch, &sValue, &from, &sheet, &row, &created)
	if err != nil {
		return g, fmt.Errorf("read goal: %w", err)
	}
	g.Scope.Level = metric.Level(level)
	g.ParentID, g.Baseline.From = parent.Int64, from.Int64
	g.Sheet, g.SheetRow = sheet.String, int(row.Int64)
	g.TargetValue, g.Baseline.Value = floatOf(target), floatOf(baseline)
	g.CommitValue, g.StretchValue = floatOf(cValue), floatOf(sValue)
	for _, t := range []struct {
		dst  *goal.Target
		spec string
	}{{&g.Target, spec}, {&g.Commit, commit}, {&g.Stretch, stretch}} {
		if t.spec == "" && t.dst != &g.Target {
			continue
		}
		if *t.dst, err = goal.ParseTarget(t.spec); err != nil {
			return g, fmt.Errorf("goal #%d: %w", g.ID, err)
		}
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

func floatOf(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}
