package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// CoverageDeals counts what pipeline coverage needs, company-wide, by owner,
// team and day: the deals won and lost in q's closed range (for the win
// rate of recent periods), and the deals open on the day before q.OpenFrom
// that can close from q.OpenFrom to q.OpenTo; and how many open deals of
// the data have no close date. An open-range deal counts when it was
// created by then (or has no created date) and its closed_at is in the
// range: for an open deal that is its expected close date; a deal won or
// lost in the range was still open on the as-of day, so that a report as
// of an earlier day counts what was open then.
//
// One query answers every owner, team, period end and range of recent
// periods of a report: the groups are some thousands at most, and measure
// adds up those a goal needs. It reads the table twice, not through an
// index (SQLite's plan through created_at, a multi-index OR, took four
// times as long); the open deals without a close date, which may be any
// share of it, are counted, not grouped, which over 1,000,000 deals saved
// a third of the time.
func (db *DB) CoverageDeals(ctx context.Context, q measure.CoverageQuery) (measure.CoverageCounts, error) {
	var out measure.CoverageCounts
	day := metric.FormatDate
	rows, err := db.db.QueryContext(ctx, `SELECT d.owner, d.team, d.closed_at,
			COUNT(*) FILTER (WHERE d.closed_at <= ?2 AND d.stage = 'won'),
			COUNT(*) FILTER (WHERE d.closed_at <= ?2 AND d.stage = 'lost'),
			COUNT(*) FILTER (WHERE d.closed_at >= ?3),
			COUNT(*) FILTER (WHERE d.closed_at >= ?3 AND d.currency = ?5),
			COALESCE(SUM(d.amount) FILTER (WHERE d.closed_at >= ?3 AND d.currency = ?5), 0)
		FROM deals d NOT INDEXED
		WHERE (d.stage IN ('won', 'lost') AND d.closed_at BETWEEN ?1 AND ?2)
			OR (d.closed_at BETWEEN ?3 AND ?4 AND (d.created_at IS NULL OR d.created_at < ?3))
		GROUP BY d.owner, d.team, d.closed_at
		UNION ALL
		SELECT '', '', NULL, 0, 0, COUNT(*), 0, 0
		FROM deals d NOT INDEXED
		WHERE d.stage = 'open' AND d.closed_at IS NULL AND (d.created_at IS NULL OR d.created_at < ?3)`,
		day(q.ClosedFrom), day(q.ClosedTo), day(q.OpenFrom), day(q.OpenTo), q.Currency)
	if err != nil {
		return out, fmt.Errorf("count deals for pipeline coverage: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var g measure.DayGroup
		var closed sql.NullString
		if err := rows.Scan(&g.Owner, &g.Team, &closed, &g.Won, &g.Lost, &g.Deals, &g.DealsMoney, &g.Amount); err != nil {
			return out, fmt.Errorf("count deals for pipeline coverage: %w", err)
		}
		if !closed.Valid {
			out.Undated += g.Deals
			continue
		}
		if g.Day, err = metric.ParseDate(closed.String); err != nil {
			return out, fmt.Errorf("count deals for pipeline coverage: %w", err)
		}
		out.Days = append(out.Days, g)
	}
	return out, rows.Err()
}
