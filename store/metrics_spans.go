package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// AggregatesIn computes the aggregates of each span of q (measure.Span):
// the same queries as Aggregates, with the span a row falls in as its
// group, so that the eight periods of a trend are one pass over the
// deals rather than eight. The customers are counted by the spans they
// were acquired and churned in, from which each span's S, R and N follow.
func (db *DB) AggregatesIn(ctx context.Context, mq measure.Query, spans []measure.Span) ([]measure.Group, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	for i, s := range spans {
		if s.To.Before(s.From) || (i > 0 && !s.From.Equal(spans[i-1].To.AddDate(0, 0, 1))) {
			return nil, fmt.Errorf("aggregates in spans: span %d does not follow the one before", i)
		}
	}
	mq.From, mq.To = spans[0].From, spans[len(spans)-1].To
	q := sqlQueryOf(mq)
	keys := groupKeys{
		closed: spanOf("d.closed_at", spans), created: spanOf("d.created_at", spans),
		spend: spanOf("s.date", spans), customer: "''",
	}
	steps := []aggregateStep{
		func(get func(string) *metric.Aggregates) error { return db.closedAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return db.createdAggregates(ctx, q, keys, get) },
		func(get func(string) *metric.Aggregates) error { return db.customersInSpans(ctx, q, spans, get) },
	}
	if q.Scope.IsCompany() {
		steps = append(steps, func(get func(string) *metric.Aggregates) error { return db.spendAggregates(ctx, q, keys, get) })
	}
	sums, err := runSteps(steps)
	if err != nil {
		return nil, err
	}
	out := make([]measure.Group, len(spans))
	for i, s := range spans {
		out[i] = measure.Group{Key: strconv.Itoa(i), From: s.From, To: s.To}
		if a := sums[strconv.Itoa(i)]; a != nil {
			out[i].Aggregates = *a
		}
	}
	return out, nil
}

// aggregateStep is one of the queries behind aggregates: it fills the
// fields it counts in the groups get gives it.
type aggregateStep func(get func(string) *metric.Aggregates) error

// runSteps runs the steps side by side, with the others (which fill
// something else), each step into groups of its own, since the steps fill
// different fields of the same groups; and adds the groups up by key.
func runSteps(steps []aggregateStep, others ...func() error) (map[string]*metric.Aggregates, error) {
	parts := make([]map[string]*metric.Aggregates, len(steps))
	errs := make([]error, len(steps)+len(others))
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
	for i, f := range others {
		wg.Go(func() { errs[len(steps)+i] = f() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sums := map[string]*metric.Aggregates{}
	for _, part := range parts {
		for k, a := range part {
			if sums[k] == nil {
				sums[k] = &metric.Aggregates{}
			}
			sums[k].Add(a)
		}
	}
	return sums, nil
}

// spanOf is the SQL expression that puts a date column into the number of
// its span, as text ("0", "1" …); NULL outside them, which no query
// reads: each reads the rows of the whole range.
func spanOf(column string, spans []measure.Span) string {
	var b strings.Builder
	b.WriteString("CASE")
	for i, s := range spans {
		fmt.Fprintf(&b, " WHEN %s <= '%s' THEN '%d'", column, metric.FormatDate(s.To), i)
	}
	b.WriteString(" END")
	return b.String()
}

// customersInSpans counts S, R and N of each span (docs/metrics.md,
// "Retention and churn") from the customers counted by the span they were
// acquired in and the span they churned in ('<' before the first, '>'
// after the last or never): S of span i is those acquired before it and
// churned in it or later, R those acquired before it and churned after
// it, N those acquired in it.
func (db *DB) customersInSpans(ctx context.Context, q sqlQuery, spans []measure.Span, get func(string) *metric.Aggregates) error {
	where, args := scopeFilter(q.Scope, "c")
	query := `SELECT ab, cb, COUNT(*) FROM (
		SELECT CASE WHEN acq < ?1 THEN '<' WHEN acq > ?2 THEN '>' ELSE ` + spanOf("acq", spans) + ` END AS ab,
			CASE WHEN churned_at IS NULL OR churned_at > ?2 THEN '>' WHEN churned_at < ?1 THEN '<'
				ELSE ` + spanOf("churned_at", spans) + ` END AS cb
		FROM (SELECT churned_at, COALESCE(acquired_at, first_won_at) AS acq
			FROM customers c WHERE COALESCE(acquired_at, first_won_at) IS NOT NULL` + where + ` LIMIT -1)
		LIMIT -1)
	GROUP BY ab, cb`
	rows, err := db.db.QueryContext(ctx, query, append([]any{q.From, q.To}, args...)...)
	if err != nil {
		return fmt.Errorf("aggregate customers by span: %w", err)
	}
	defer rows.Close()
	index := func(b string) int {
		switch b {
		case "<":
			return -1
		case ">":
			return len(spans)
		}
		i, _ := strconv.Atoi(b)
		return i
	}
	type cell struct{ a, c int }
	counts := map[cell]int64{}
	for rows.Next() {
		var ab, cb string
		var n int64
		if err := rows.Scan(&ab, &cb, &n); err != nil {
			return fmt.Errorf("aggregate customers by span: %w", err)
		}
		counts[cell{index(ab), index(cb)}] += n
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("aggregate customers by span: %w", err)
	}
	for i := range spans {
		g := get(strconv.Itoa(i))
		for c, n := range counts {
			if c.a < i && c.c >= i {
				g.CustomersStart += n
			}
			if c.a < i && c.c > i {
				g.Retained += n
			}
			if c.a == i {
				g.NewCustomers += n
			}
		}
	}
	return nil
}
