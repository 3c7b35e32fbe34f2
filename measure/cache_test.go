package measure

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

// fakeSource records the queries and answers them with aggregates that say
// which kind of query it was: NewDeals 1 for a single query, 2 for a month
// of a query by month, 3 for owners a and b of a query by owner or team, 4
// for a span of a query split by span.
type fakeSource struct {
	mu      sync.Mutex
	queries []string
}

func (f *fakeSource) Aggregates(_ context.Context, q Query) (metric.Aggregates, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, string(q.Scope.Level)+":"+q.Scope.Value+" "+dates(q))
	return metric.Aggregates{NewDeals: 1}, nil
}

func (f *fakeSource) AggregatesBy(_ context.Context, q Query, by GroupBy) ([]Group, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, string(q.Scope.Level)+":"+q.Scope.Value+" "+dates(q)+" by "+string(by))
	switch by {
	case ByMonth:
		var gs []Group
		for _, m := range []struct{ from, to string }{{"2027-01-01", "2027-01-31"}, {"2027-02-01", "2027-02-28"}, {"2027-03-01", "2027-03-15"}} {
			from, to := mustDay(m.from), mustDay(m.to)
			if !from.Before(q.From) && !to.After(q.To) {
				gs = append(gs, Group{Key: m.from[:7], From: from, To: to, Aggregates: metric.Aggregates{NewDeals: 2}})
			}
		}
		return gs, nil
	}
	// By owner or team: a and b have data, others have none.
	return []Group{{Key: "a", Aggregates: metric.Aggregates{NewDeals: 3}}, {Key: "b", Aggregates: metric.Aggregates{NewDeals: 3}}}, nil
}

func (f *fakeSource) AggregatesIn(_ context.Context, q Query, spans []Span) ([]Group, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, fmt.Sprintf("%s:%s %s in %d spans", q.Scope.Level, q.Scope.Value, dates(q), len(spans)))
	var gs []Group
	for _, s := range spans {
		gs = append(gs, Group{From: s.From, To: s.To, Aggregates: metric.Aggregates{NewDeals: 4}})
	}
	return gs, nil
}

func TestAggregateCachePlan(t *testing.T) {
	company := metric.Scope{Level: metric.Company}
	owner := func(v string) metric.Scope { return metric.Scope{Level: metric.Owner, Value: v} }
	k := func(sc metric.Scope, from, to string) key { return key{sc, mustDay(from), mustDay(to)} }
	tests := []struct {
		name    string
		keys    []key
		queries []string
		deals   []int64 // NewDeals of each key afterwards: 1 single, 2 by month, 3 by owner, 0 by owner without data
	}{
		{"months of one scope, the last cut at as-of",
			[]key{k(company, "2027-01-01", "2027-01-31"), k(company, "2027-02-01", "2027-02-28"), k(company, "2027-03-01", "2027-03-15")},
			[]string{"company: 2027-01-01..2027-03-15 by month"}, []int64{2, 2, 2}},
		{"one month is a query of its own",
			[]key{k(company, "2027-01-01", "2027-01-31"), k(company, "2027-01-01", "2027-03-15")},
			[]string{"company: 2027-01-01..2027-01-31", "company: 2027-01-01..2027-03-15"}, []int64{1, 1}},
		{"a month cut short before the last day is not a group",
			[]key{k(company, "2027-03-01", "2027-03-10"), k(company, "2027-03-01", "2027-03-15")},
			[]string{"company: 2027-03-01..2027-03-10", "company: 2027-03-01..2027-03-15"}, []int64{1, 1}},
		{"months more than a year apart",
			[]key{k(company, "2026-01-01", "2026-01-31"), k(company, "2027-02-01", "2027-02-28")},
			[]string{"company: 2026-01-01..2026-01-31", "company: 2027-02-01..2027-02-28"}, []int64{1, 1}},
		{"two owners: a query each",
			[]key{k(owner("a"), "2027-01-01", "2027-03-15"), k(owner("c"), "2027-01-01", "2027-03-15")},
			[]string{"owner:a 2027-01-01..2027-03-15", "owner:c 2027-01-01..2027-03-15"}, []int64{1, 1}},
		{"three owners: one grouped query, c without data",
			[]key{k(owner("a"), "2027-01-01", "2027-03-15"), k(owner("b"), "2027-01-01", "2027-03-15"), k(owner("c"), "2027-01-01", "2027-03-15"), k(owner("a"), "2027-01-01", "2027-03-15")},
			[]string{"company: 2027-01-01..2027-03-15 by owner"}, []int64{3, 3, 0, 3}},
		// A trend: quarters one after the other, the last cut at as-of,
		// in one query split by span; a quarter not next to them alone.
		{"quarters that follow one another",
			[]key{k(company, "2026-07-01", "2026-09-30"), k(company, "2026-10-01", "2026-12-31"), k(company, "2027-01-01", "2027-03-15"), k(company, "2026-01-01", "2026-03-31")},
			[]string{"company: 2026-01-01..2026-03-31", "company: 2026-07-01..2027-03-15 in 3 spans"}, []int64{4, 4, 4, 1}},
		{"two quarters are two queries",
			[]key{k(company, "2026-10-01", "2026-12-31"), k(company, "2027-01-01", "2027-03-15")},
			[]string{"company: 2026-10-01..2026-12-31", "company: 2027-01-01..2027-03-15"}, []int64{1, 1}},
		{"runs of one scope each",
			[]key{k(owner("a"), "2026-10-01", "2026-12-31"), k(owner("a"), "2027-01-01", "2027-03-15"), k(company, "2026-07-01", "2026-09-30"), k(owner("a"), "2026-07-01", "2026-09-30")},
			[]string{"company: 2026-07-01..2026-09-30", "owner:a 2026-07-01..2027-03-15 in 3 spans"}, []int64{4, 4, 1, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &fakeSource{}
			c := newCache(src, "USD")
			ctx := context.Background()
			if err := c.prefetch(ctx, tt.keys); err != nil {
				t.Fatal(err)
			}
			var deals []int64
			for _, k := range tt.keys {
				a, err := c.get(ctx, k)
				if err != nil {
					t.Fatal(err)
				}
				deals = append(deals, a.NewDeals)
			}
			slices.Sort(src.queries)
			if diff := cmp.Diff(tt.queries, src.queries); diff != "" {
				t.Errorf("queries (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.deals, deals); diff != "" {
				t.Errorf("aggregates (-want +got):\n%s", diff)
			}
		})
	}
}

// dates writes a query's range as the plan's expectations do.
func dates(q Query) string {
	return metric.FormatDate(q.From) + ".." + metric.FormatDate(q.To)
}

// mustDay reads a YYYY-MM-DD day of the test's own tables.
func mustDay(s string) time.Time {
	d, err := metric.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
