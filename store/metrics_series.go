package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// Series computes the aggregates of q day by day (measure.Series): the
// deals closed and created each day and each day's spend, through the
// same queries as Aggregates with the day (and the owner or team) as the
// group; the customers counted by the day they were acquired and the day
// they churned; and with q.Cycles the won deals of each day by cycle
// length. SQLite groups the rows: a quarter is some hundreds of groups
// per owner, never a row per deal.
func (db *DB) Series(ctx context.Context, mq measure.SeriesQuery) ([]measure.Series, error) {
	if mq.From.IsZero() || mq.To.IsZero() || mq.To.Before(mq.From) {
		return nil, fmt.Errorf("series: the range needs a first and a last day, in order")
	}
	keys, ok := seriesKeys[mq.By]
	if !ok {
		return nil, fmt.Errorf("series by %q: want owner or team", mq.By)
	}
	q := sqlQueryOf(mq.Query)
	out := map[string]*measure.Series{}
	var mu sync.Mutex
	seriesOf := func(group string) *measure.Series {
		mu.Lock()
		defer mu.Unlock()
		if out[group] == nil {
			out[group] = &measure.Series{Key: group}
		}
		return out[group]
	}
	// The queries of deals and spend fill different fields of the same
	// days, so each fills days of its own, added up after.
	type dayStep func(get func(string) *metric.Aggregates) error
	steps := []dayStep{
		func(get func(string) *metric.Aggregates) error { return db.closedAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return db.createdAggregates(ctx, q, keys, get) },
	}
	if q.Scope.IsCompany() && mq.By == "" {
		steps = append(steps, func(get func(string) *metric.Aggregates) error { return db.spendAggregates(ctx, q, keys, get) })
	}
	parts := make([]map[string]*metric.Aggregates, len(steps))
	errs := make([]error, len(steps)+2)
	var wg sync.WaitGroup
	for i, step := range steps {
		parts[i] = map[string]*metric.Aggregates{}
		wg.Go(func() {
			errs[i] = step(func(k string) *metric.Aggregates {
				if parts[i][k] == nil {
					parts[i][k] = &metric.Aggregates{}
				}
				return parts[i][k]
			})
		})
	}
	wg.Go(func() { errs[len(steps)] = db.customerCells(ctx, mq, keys.customer, seriesOf) })
	if mq.Cycles {
		wg.Go(func() { errs[len(steps)+1] = db.cycleCells(ctx, q, keys.closed, seriesOf) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	days := map[string]*metric.Aggregates{}
	for _, part := range parts {
		for k, a := range part {
			if days[k] == nil {
				days[k] = &metric.Aggregates{}
			}
			days[k].Add(a)
		}
	}
	for k, a := range days {
		// "2027-01-15", or by owner or team "2027-01-15|Ana".
		day, group := k, ""
		if len(k) > 10 {
			day, group = k[:10], k[11:]
		}
		d, err := metric.ParseDate(day)
		if err != nil {
			return nil, fmt.Errorf("series: day %q: %w", day, err)
		}
		// A day's median is not a longer range's: the path reads medians
		// off the cycles.
		a.CycleDaysMedian, a.OtherCurrency = 0, 0
		s := seriesOf(group)
		s.Days = append(s.Days, measure.DayAggregates{Day: d, Aggregates: *a})
	}
	for _, s := range out {
		sort.Slice(s.Days, func(i, j int) bool { return s.Days[i].Day.Before(s.Days[j].Day) })
	}
	if mq.By == "" {
		return []measure.Series{*seriesOf("")}, nil
	}
	list := make([]measure.Series, 0, len(out))
	for _, s := range out {
		list = append(list, *s)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Key < list[j].Key })
	return list, nil
}

// seriesKeys put a row into its day and, by owner or team, its owner or
// team: "2027-01-15" or "2027-01-15|Ana" (a date is ten characters, so
// the owner is what follows the eleventh). Customers are keyed by owner
// or team alone: customerCells puts them into days.
var seriesKeys = map[measure.GroupBy]groupKeys{
	"":              {closed: "d.closed_at", created: "d.created_at", spend: "s.date", customer: "''"},
	measure.ByOwner: {closed: "d.closed_at || '|' || d.owner", created: "d.created_at || '|' || d.owner", customer: "c.owner"},
	measure.ByTeam:  {closed: "d.closed_at || '|' || d.team", created: "d.created_at || '|' || d.team", customer: "c.team"},
}

// customerCells counts the customers of the scope by acquisition day and
// churn day (measure.CustomerCell), with '<' for a day before the range
// and '>' for one after it or no churn, leaving out those acquired after
// the range and those acquired and churned before it.
func (db *DB) customerCells(ctx context.Context, mq measure.SeriesQuery, key string, seriesOf func(string) *measure.Series) error {
	q := sqlQueryOf(mq.Query)
	where, args := scopeFilter(q.Scope, "c")
	rows, err := db.db.QueryContext(ctx, `SELECT k, ab, cb, COUNT(*) FROM (
		SELECT `+key+` AS k,
			CASE WHEN acq < ?1 THEN '<' WHEN acq > ?2 THEN '>' ELSE acq END AS ab,
			CASE WHEN churned_at IS NULL OR churned_at > ?2 THEN '>' WHEN churned_at < ?1 THEN '<' ELSE churned_at END AS cb
		FROM (SELECT owner, team, churned_at, COALESCE(acquired_at, first_won_at) AS acq
			FROM customers c WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL`+where+` LIMIT -1) c
		LIMIT -1)
	WHERE ab <> '>' AND NOT (ab = '<' AND cb = '<')
	GROUP BY k, ab, cb`, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("count customers by day: %w", err)
	}
	defer rows.Close()
	day := func(s string) (time.Time, error) {
		switch s {
		case "<":
			return mq.From.AddDate(0, 0, -1), nil
		case ">":
			return mq.To.AddDate(0, 0, 1), nil
		}
		return metric.ParseDate(s)
	}
	for rows.Next() {
		var k, ab, cb string
		var c measure.CustomerCell
		if err := rows.Scan(&k, &ab, &cb, &c.N); err != nil {
			return fmt.Errorf("count customers by day: %w", err)
		}
		if c.Acquired, err = day(ab); err != nil {
			return fmt.Errorf("count customers by day: %w", err)
		}
		if c.Churned, err = day(cb); err != nil {
			return fmt.Errorf("count customers by day: %w", err)
		}
		s := seriesOf(k)
		s.Customers = append(s.Customers, c)
	}
	return rows.Err()
}

// cycleCells counts the deals won on each day of the range by the days
// they took (cycleSQL), for the median of any part of the range.
func (db *DB) cycleCells(ctx context.Context, q sqlQuery, key string, seriesOf func(string) *measure.Series) error {
	where, args := scopeFilter(q.Scope, "d")
	rows, err := db.db.QueryContext(ctx, `SELECT k, cycle, COUNT(*) FROM (
		SELECT `+key+` AS k, `+cycleSQL+` AS cycle
		FROM deals d WHERE d.stage = 'won' AND d.closed_at BETWEEN ?1 AND ?2`+where+` LIMIT -1)
	WHERE cycle IS NOT NULL GROUP BY k, cycle`, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("count cycles by day: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var c measure.CycleCell
		if err := rows.Scan(&k, &c.Days, &c.Won); err != nil {
			return fmt.Errorf("count cycles by day: %w", err)
		}
		if c.Day, err = metric.ParseDate(k[:min(len(k), 10)]); err != nil {
			return fmt.Errorf("count cycles by day: %w", err)
		}
		group := ""
		if len(k) > 10 {
			group = k[11:]
		}
		s := seriesOf(group)
		s.Cycles = append(s.Cycles, c)
	}
	return rows.Err()
}
