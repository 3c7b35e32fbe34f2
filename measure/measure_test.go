package measure

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// dataSource is a Source whose every range holds one won deal of 100.00,
// and which records the aggregate queries it is asked.
type dataSource struct {
	mu      sync.Mutex
	queries []string
}

var oneWon = metric.Aggregates{Won: 1, WonMoney: 1, WonAmount: 10000}

func (s *dataSource) Aggregates(_ context.Context, q Query) (metric.Aggregates, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, string(q.Scope.Level)+" "+dates(q))
	return oneWon, nil
}

func (s *dataSource) AggregatesBy(_ context.Context, q Query, by GroupBy) ([]Group, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, string(q.Scope.Level)+" "+dates(q)+" by "+string(by))
	var gs []Group
	for m := metric.MonthOf(q.From); !m.Start.After(q.To); m = m.Shift(1) {
		gs = append(gs, Group{Key: m.Label, From: later(m.Start, q.From), To: earlier(m.End, q.To), Aggregates: oneWon})
	}
	return gs, nil
}

func (s *dataSource) AggregatesIn(_ context.Context, q Query, spans []Span) ([]Group, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, string(q.Scope.Level)+" "+dates(q)+" in spans")
	var gs []Group
	for _, sp := range spans {
		gs = append(gs, Group{From: sp.From, To: sp.To, Aggregates: oneWon})
	}
	return gs, nil
}

func (s *dataSource) LeftOut(context.Context, Query) (LeftOut, error)       { return LeftOut{}, nil }
func (s *dataSource) Series(context.Context, SeriesQuery) ([]Series, error) { return nil, nil }
func (s *dataSource) OtherCurrencies(context.Context, Query) ([]CurrencyCount, error) {
	return nil, nil
}
func (s *dataSource) ScopeExists(context.Context, metric.Scope) (bool, error) {
	return true, nil
}
func (s *dataSource) Inputs(context.Context) (metric.Inputs, error) {
	return metric.Inputs{Carried: map[string][]string{metric.KindDeals: {"id", "stage", "amount"}},
		DatedDeals: true, WonDeals: true, LostDeals: true}, nil
}
func (s *dataSource) CoverageDeals(_ context.Context, q CoverageQuery) (CoverageCounts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queries = append(s.queries, "coverage "+dates(Query{From: q.ClosedFrom, To: q.ClosedTo})+" "+dates(Query{From: q.OpenFrom, To: q.OpenTo}))
	return CoverageCounts{}, nil
}
func (s *dataSource) Goal(context.Context, int64) (goal.Goal, error) {
	return goal.Goal{}, goal.ErrNotFound
}

// TestAssessMonthlyGoal checks that a monthly goal's baseline and its eight
// months of history come from one query by month, and what the assessment
// makes of them.
func TestAssessMonthlyGoal(t *testing.T) {
	asOf := mustDay("2027-03-15")
	p, err := metric.ParsePeriod("2027-03", asOf, time.January)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := goal.ParseTarget("+10%")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := goal.BaselineOver("", p)
	g := goal.Goal{Name: "March", Category: "revenue", Metric: "revenue", Scope: metric.Scope{Level: metric.Company},
		Period: p, Target: tg, Baseline: b}
	src := &dataSource{}
	m := New(src, "USD", asOf)
	a, err := m.Assess(context.Background(), &g, true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"company 2026-07-01..2027-02-28 by month"}, src.queries); diff != "" {
		t.Errorf("queries (-want +got):\n%s", diff)
	}
	if g.Baseline.Value == nil || *g.Baseline.Value != 100 || g.TargetValue == nil || *g.TargetValue != 110 {
		t.Errorf("baseline %v, target %v; want 100 and 110", g.Baseline.Value, g.TargetValue)
	}
	// Every month made 100 (the baseline): none came up to 110.
	if got := a.Check(goal.Attainable).Reasons; !slices.Contains(got, "this target would have been met in none of the last 8 months (none reached 110)") {
		t.Errorf("attainable reasons %q do not compare with 8 months", got)
	}

	// Tracking it asks for March so far, a running total, and, for the
	// pipeline's coverage, the win rate over the 4 months before March in
	// one range.
	before := len(src.queries)
	tr, err := m.Track(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	// 100 in 15 of 31 days heads for 206.67, past the target of 110.
	if tr.Actual == nil || *tr.Actual != 100 || tr.Progress.Status != metric.StatusOnTrack {
		t.Errorf("tracked %v, %s; want 100, on-track", tr.Actual, tr.Progress.Status)
	}
	if diff := cmp.Diff([]string{"company 2027-03-01..2027-03-15", "coverage 2026-11-01..2027-02-28 2027-03-16..2027-03-31"}, src.queries[before:]); diff != "" {
		t.Errorf("tracking queries (-want +got):\n%s", diff)
	}
}

// TestMetricsNotStarted checks that a period after the as-of day is
// measured as nothing, without a query.
func TestMetricsNotStarted(t *testing.T) {
	asOf := mustDay("2027-03-15")
	p, err := metric.ParsePeriod("2027-Q3", asOf, time.January)
	if err != nil {
		t.Fatal(err)
	}
	src := &dataSource{}
	owner := metric.Scope{Level: metric.Owner, Value: "ana"}
	res, err := New(src, "USD", asOf).Metrics(context.Background(), p, owner, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Started || len(res.Rows) != 1 || len(src.queries) != 0 {
		t.Fatalf("started %v, %d rows, queries %v; want not started, one row, no query", res.Started, len(res.Rows), src.queries)
	}
	for _, v := range res.Rows[0].Values {
		if v.Metric.CompanyOnly && !v.Null {
			t.Errorf("%s has a value for an owner", v.Metric.ID)
		}
	}
	res, err = New(src, "USD", asOf).Metrics(context.Background(), p, metric.Scope{Level: metric.Company}, ByOwner)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows == nil || len(res.Rows) != 0 {
		t.Errorf("by owner: rows %v, want none (not nil)", res.Rows)
	}
}
