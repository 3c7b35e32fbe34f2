package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// Series computes the aggregates of q day by day (measure.Series): the
// deals closed and created each day and each day's spend, through the
// same queries as Aggregates with the day (and, split, the owner and the
// team) as the group; the customers counted by the day they were acquired
// and the day they churned; and with q.Cycles the won deals of each day by
// cycle length. SQLite groups the rows: a quarter is some thousands of
// groups, never a row per deal.
func (db *DB) Series(ctx context.Context, mq measure.SeriesQuery) ([]measure.Series, error) {
	if mq.From.IsZero() || mq.To.IsZero() || mq.To.Before(mq.From) {
		return nil, fmt.Errorf("series: the range needs a first and a last day, in order")
	}
	q := sqlQueryOf(mq.Query)
	keys := groupKeys{closed: "d.closed_at", created: "d.created_at", spend: "s.date", customer: "''"}
	if mq.Split {
		q.Scope = metric.Scope{Level: metric.Company}
		keys = groupKeys{closed: "d.closed_at || " + pairSQL("d"), created: "d.created_at || " + pairSQL("d"),
			spend: "s.date || '" + companyPair + "'", customer: pairSQL("c")}
	}
	out := map[string]*measure.Series{}
	var mu sync.Mutex
	seriesOf := func(pair string) (*measure.Series, error) {
		mu.Lock()
		defer mu.Unlock()
		if out[pair] == nil {
			owner, team, err := readPair(pair)
			if err != nil {
				return nil, err
			}
			out[pair] = &measure.Series{Owner: owner, Team: team, Company: pair == companyPair}
		}
		return out[pair], nil
	}
	steps := []aggregateStep{
		func(get func(string) *metric.Aggregates) error { return db.closedAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return db.createdAggregates(ctx, q, keys, get) },
	}
	if q.Scope.IsCompany() {
		steps = append(steps, func(get func(string) *metric.Aggregates) error { return db.spendAggregates(ctx, q, keys, get) })
	}
	others := []func() error{func() error { return db.customerCells(ctx, q, mq, keys.customer, seriesOf) }}
	if mq.Cycles {
		others = append(others, func() error { return db.cycleCells(ctx, q, keys.closed, seriesOf) })
	}
	days, err := runSteps(steps, others...)
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	for k, a := range days {
		d, err := metric.ParseDate(k[:min(len(k), 10)])
		if err != nil {
			return nil, fmt.Errorf("series: day %q: %w", k, err)
		}
		s, err := seriesOf(k[min(len(k), 10):])
		if err != nil {
			return nil, fmt.Errorf("series: %w", err)
		}
		// A day's median is not a longer range's: the path reads medians
		// off the cycles.
		a.CycleDaysMedian, a.OtherCurrency = 0, 0
		s.Days = append(s.Days, measure.DayAggregates{Day: d, Aggregates: *a})
	}
	list := make([]measure.Series, 0, len(out))
	for _, s := range out {
		sort.Slice(s.Days, func(i, j int) bool { return s.Days[i].Day.Before(s.Days[j].Day) })
		list = append(list, *s)
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].Owner < list[j].Owner || list[i].Owner == list[j].Owner && list[i].Team < list[j].Team
	})
	if len(list) == 0 && !mq.Split {
		list = []measure.Series{{}}
	}
	return list, nil
}

// pairSQL is the SQL that writes the owner and the team of table alias t
// so that they read back whatever they hold: the owner's length in
// characters, a colon, the owner, the team ("3:AnaEast").
func pairSQL(t string) string {
	return "length(" + t + ".owner) || ':' || " + t + ".owner || " + t + ".team"
}

// companyPair is the pair of the company's own series in a split answer:
// its spend, which has no owner.
const companyPair = "*"

// readPair reads what pairSQL wrote; "" is the one series of a query that
// is not split, companyPair the company's own.
func readPair(s string) (owner, team string, err error) {
	if s == "" || s == companyPair {
		return "", "", nil
	}
	n, rest, ok := strings.Cut(s, ":")
	length, err := strconv.Atoi(n)
	if !ok || err != nil || length < 0 || length > utf8.RuneCountInString(rest) {
		return "", "", fmt.Errorf("owner and team %q", s)
	}
	i := 0
	for range length {
		_, size := utf8.DecodeRuneInString(rest[i:])
		i += size
	}
	return rest[:i], rest[i:], nil
}

// customerCells counts the customers of the scope by acquisition day and
// churn day (measure.CustomerCell), with '<' for a day before the range
// and '>' for one after it or no churn, leaving out those acquired after
// the range and those acquired and churned before it.
func (db *DB) customerCells(ctx context.Context, q sqlQuery, mq measure.SeriesQuery, key string, seriesOf func(string) (*measure.Series, error)) error {
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
		s, err := seriesOf(k)
		if err != nil {
			return fmt.Errorf("count customers by day: %w", err)
		}
		s.Customers = append(s.Customers, c)
	}
	return rows.Err()
}

// cycleCells counts the deals won on each day of the range by the days
// they took (cycleSQL), for the median of any part of the range.
func (db *DB) cycleCells(ctx context.Context, q sqlQuery, key string, seriesOf func(string) (*measure.Series, error)) error {
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
		s, err := seriesOf(k[min(len(k), 10):])
		if err != nil {
			return fmt.Errorf("count cycles by day: %w", err)
		}
		s.Cycles = append(s.Cycles, c)
	}
	return rows.Err()
}
