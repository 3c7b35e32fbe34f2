package measure

import (
	"context"

	"github.com/salesgoal/salesgoal/metric"
)

// TrendLength is how many periods a trend has: the current one and the
// ones of the same grain before it (docs/metrics.md, "Trends").
const TrendLength = 8

// TrendPeriods are the TrendLength periods of p's grain that end with p,
// oldest first.
func TrendPeriods(p metric.Period) []metric.Period {
	return append(p.History(TrendLength-1), p)
}

// TrendOf asks for the trend of one metric for one scope.
type TrendOf struct {
	Scope  metric.Scope
	Metric string
}

// Trends measures each metric asked for over the TrendPeriods of p, for
// its scope: the current period up to the as-of day, the others whole. A
// period in which the scope has none of the rows the metric counts (no
// deal closed or created, no customer, no spend: Metric.HasRows) is a
// null value, a gap, never 0; so is a value the data cannot measure. Every (scope, period) is asked for once and the queries are
// batched, as for a report.
func (m *Measurer) Trends(ctx context.Context, p metric.Period, want []TrendOf) ([][]metric.Value, error) {
	periods := TrendPeriods(p)
	var keys []key
	for _, w := range want {
		keys = append(keys, m.keys(w.Scope, periods...)...)
	}
	if err := m.cache.prefetch(ctx, keys); err != nil {
		return nil, err
	}
	out := make([][]metric.Value, len(want))
	for i, w := range want {
		out[i] = make([]metric.Value, len(periods))
		for j, tp := range periods {
			v, a, _, err := m.computeWith(ctx, w.Metric, w.Scope, tp)
			if err != nil {
				return nil, err
			}
			if !v.Metric.HasRows(a) {
				// Nothing to count in the period: a gap, not a 0 of revenue.
				v = metric.Value{Metric: v.Metric, Null: true, Reason: v.Reason, Basis: -1}
			}
			out[i][j] = v.ScopedTo(w.Scope)
		}
	}
	return out, nil
}

// Prefetch fetches the aggregates of scope sc over periods in one batch
// (a trend's periods: one query split by period), for what is measured
// next: `metrics` measures its period after the trend has fetched it.
func (m *Measurer) Prefetch(ctx context.Context, sc metric.Scope, periods ...metric.Period) error {
	return m.cache.prefetch(ctx, m.keys(sc, periods...))
}
