package store

import (
	"context"
	"fmt"

	"github.com/salesgoal/salesgoal/metric"
)

// ScopeValues lists by name the owners, or the teams, that appear on the
// deals, those of team team only when it is given: whom `goal add --each`
// sets a goal for.
func (db *DB) ScopeValues(ctx context.Context, level metric.Level, team string) ([]string, error) {
	col := "owner"
	if level == metric.Team {
		col = "team"
	}
	q := `SELECT DISTINCT ` + col + ` FROM deals WHERE ` + col + ` <> ''`
	var args []any
	if team != "" {
		q += ` AND team = ?`
		args = append(args, team)
	}
	out, err := texts(ctx, db.db, q+` ORDER BY `+col, args...)
	if err != nil {
		return nil, fmt.Errorf("list the %ss: %w", level, err)
	}
	return out, nil
}
