package cmd

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// statusGoals are the fixture's goals for the status tests. The numbers of
// report_fixture_test.go, with f = 0.5 in 2027-Q1 as of 2027-02-14, give
// each goal the row worked out next to it: actual A, forecast F, progress
// (A − B)/(T − B) with B = 0 for running totals, and the status of
// docs/goals.md.
var statusGoals = []struct {
	fixtureGoal
	actual, forecast, progress, used *float64
	status                           metric.Status
}{
	// Accumulating, higher is better.
	// A = 60000, F = 60000 / 0.5 = 120000 ≥ 100000; progress 60000/100000.
	{fixtureGoal{name: "revenue on track", metric: "revenue", period: "2027-Q1", target: 100000},
		num(60000), num(120000), num(0.6), nil, metric.StatusOnTrack},
	// F = 120000 misses 125000 by 5000 ≤ 12500 (10%); progress 60000/125000.
	{fixtureGoal{name: "revenue at risk", metric: "revenue", period: "2027-Q1", target: 125000},
		num(60000), num(120000), num(0.48), nil, metric.StatusAtRisk},
	// A = 6 created, F = 12 misses 20 by 8 > 2; progress 6/20.
	{fixtureGoal{name: "new deals behind", metric: "new-deals", period: "2027-Q1", target: 20},
		num(6), num(12), num(0.3), nil, metric.StatusBehind},
	// A = 20000 already ≥ 15000: achieved while the quarter runs.
	{fixtureGoal{name: "expansion reached", metric: "expansion-revenue", period: "2027-Q1", target: 15000},
		num(20000), num(40000), num(20000.0 / 15000), nil, metric.StatusAchieved},

	// A ratio, lower is better: the cycle forecasts its value so far.
	// A = F = 30 ≤ 32; progress (30 − 40)/(32 − 40) = 1.25.
	{fixtureGoal{name: "cycle on track", metric: "avg-cycle-days", period: "2027-Q1", target: 32, baseline: num(40)},
		num(30), num(30), num(1.25), nil, metric.StatusOnTrack},
	// F = 30 misses 28 by 2 ≤ 2.8; progress (30 − 40)/(28 − 40) = 10/12.
	{fixtureGoal{name: "cycle at risk", metric: "avg-cycle-days", period: "2027-Q1", target: 28, baseline: num(40)},
		num(30), num(30), num(10.0 / 12), nil, metric.StatusAtRisk},

	// Accumulating, lower is better: a cap, used, never progressed.
	// A = 2 discounted deals already past a cap of 1: missed; used 2/1.
	{fixtureGoal{name: "discounts over the cap", metric: "discounted-deals", period: "2027-Q1", target: 1},
		num(2), num(4), nil, num(2), metric.StatusMissed},
	// A = 2, F = 4 ≤ 5; used 2/5.
	{fixtureGoal{name: "discounts within the cap", metric: "discounted-deals", period: "2027-Q1", target: 5},
		num(2), num(4), nil, num(0.4), metric.StatusOnTrack},
	// Churn accumulates: A = 25, F = 50 misses 40 by 10 > 4; used 25/40.
	{fixtureGoal{name: "churn behind", metric: "churn-rate", period: "2027-Q1", target: 40},
		num(25), num(50), nil, num(0.625), metric.StatusBehind},

	// CAC is a ratio, lower is better: A = F = 6000 / 2 = 3000 misses 2500
	// by 500 > 250; progress (3000 − 4000)/(2500 − 4000) = 2/3.
	{fixtureGoal{name: "cac behind", metric: "cac", period: "2027-Q1", target: 2500, baseline: num(4000)},
		num(3000), num(3000), num(2.0 / 3), nil, metric.StatusBehind},
	// A ratio, higher is better: win-rate A = F = 60 ≥ 55; progress
	// (60 − 50)/(55 − 50) = 2.
	{fixtureGoal{name: "win rate on track", metric: "win-rate", period: "2027-Q1", target: 55, baseline: num(50)},
		num(60), num(60), num(2), nil, metric.StatusOnTrack},
	// Retention: its loss is a cap. S = K0 K7 K8 K9, R = K0 K7 K8: A = 75;
	// the loss 25 heads for F = 100 − 25/0.5 = 50, a loss of 50 against 46
	// allowed (100 − 54), within 1.1 × 46 = 50.6; used 25/46.
	{fixtureGoal{name: "retention at risk", metric: "retention-rate", period: "2027-Q1", target: 54, baseline: num(80)},
		num(75), num(50), nil, num(25.0 / 46), metric.StatusAtRisk},
	// A = 75 < 80: the customers are lost already, missed while running.
	{fixtureGoal{name: "retention below target", metric: "retention-rate", period: "2027-Q1", target: 80, baseline: num(70)},
		num(75), num(50), nil, num(25.0 / 20), metric.StatusMissed},

	// Periods that ended: January (D1 D2 won, D4 lost).
	// revenue 30000 ≥ 25000; forecast = actual once the period is over.
	{fixtureGoal{name: "january revenue", metric: "revenue", period: "2027-01", target: 25000},
		num(30000), num(30000), num(1.2), nil, metric.StatusAchieved},
	// win-rate 100 × 2/3 < 80: missed; progress (66.7 − 50)/(80 − 50).
	{fixtureGoal{name: "january win rate", metric: "win-rate", period: "2027-01", target: 80, baseline: num(50)},
		num(200.0 / 3), num(200.0 / 3), num((200.0/3 - 50) / 30), nil, metric.StatusMissed},
	// Lower is better, ended: cycle (40 + 20)/2 = 30 ≤ 35; progress
	// (30 − 45)/(35 − 45) = 1.5.
	{fixtureGoal{name: "january cycle", metric: "avg-cycle-days", period: "2027-01", target: 35, baseline: num(45)},
		num(30), num(30), num(1.5), nil, metric.StatusAchieved},

	// February so far (D3 on the 9th), day 14 of 28: f = 0.5, F = 60000.
	// With January, one query grouped by month answers both.
	{fixtureGoal{name: "february revenue", metric: "revenue", period: "2027-02", target: 50000},
		num(30000), num(60000), num(0.6), nil, metric.StatusOnTrack},

	// A period that has not started: March, as of 14 February.
	{fixtureGoal{name: "march revenue", metric: "revenue", period: "2027-03", target: 50000},
		nil, nil, nil, nil, metric.StatusNotStarted},

	// Owner goals (three owners over one range: one grouped query).
	// Ana: D1 + D3 = 40000, F = 80000 misses 90000 by 10000 > 9000.
	{fixtureGoal{name: "ana revenue", metric: "revenue", scope: "owner Ana", period: "2027-Q1", target: 90000},
		num(40000), num(80000), num(40000.0 / 90000), nil, metric.StatusBehind},
	// Ben: D2 = 20000, F = 40000 ≥ 30000.
	{fixtureGoal{name: "ben revenue", metric: "revenue", scope: "owner Ben", period: "2027-Q1", target: 30000},
		num(20000), num(40000), num(20000.0 / 30000), nil, metric.StatusOnTrack},
	// Cara closed nothing: her win rate is null.
	{fixtureGoal{name: "cara win rate", metric: "win-rate", scope: "owner Cara", period: "2027-Q1", target: 30},
		nil, nil, nil, nil, metric.StatusNoData},
	// A relative target on a null baseline has no target value: no-data,
	// though the actual is known.
	{fixtureGoal{name: "churn without baseline", metric: "churn-rate", period: "2027-Q1", relative: "-3pp"},
		num(25), num(50), nil, nil, metric.StatusNoData},
}

// countingSource counts the aggregate queries the report asks for.
type countingSource struct {
	measure.Source
	mu      sync.Mutex
	queries map[string]int
}

func (c *countingSource) Aggregates(ctx context.Context, q measure.Query) (metric.Aggregates, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queries[string(q.Scope.Level)+" "+q.Scope.Value+" "+metric.FormatDate(q.From)+".."+metric.FormatDate(q.To)]++
	return c.Source.Aggregates(ctx, q)
}

func (c *countingSource) AggregatesBy(ctx context.Context, q measure.Query, by measure.GroupBy) ([]measure.Group, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queries["by "+string(by)+" "+metric.FormatDate(q.From)+".."+metric.FormatDate(q.To)]++
	return c.Source.AggregatesBy(ctx, q, by)
}

func (c *countingSource) AggregatesIn(ctx context.Context, q measure.Query, spans []measure.Span) ([]measure.Group, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queries[fmt.Sprintf("%s %s %s..%s in %d spans", q.Scope.Level, q.Scope.Value, metric.FormatDate(q.From), metric.FormatDate(q.To), len(spans))]++
	return c.Source.AggregatesIn(ctx, q, spans)
}

func (c *countingSource) CoverageDeals(ctx context.Context, q measure.CoverageQuery) (measure.CoverageCounts, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queries["coverage "+metric.FormatDate(q.ClosedFrom)+".."+metric.FormatDate(q.ClosedTo)+" "+
		metric.FormatDate(q.OpenFrom)+".."+metric.FormatDate(q.OpenTo)]++
	return c.Source.CoverageDeals(ctx, q)
}

func TestReportStatuses(t *testing.T) {
	var goals []fixtureGoal
	for _, g := range statusGoals {
		goals = append(goals, g.fixtureGoal)
	}
	path := mustFixture(t, goals)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src := &countingSource{Source: db, queries: map[string]int{}}
	opts := &reportOptions{rootOptions: &rootOptions{env: osEnv()}, cats: metric.Categories(), periodOf: "2027-Q1"}
	asOf, _ := metric.ParseDate(fixtureAsOf)
	d, err := loadReportFrom(ctx, db, src, opts, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Elapsed, 0.5; got != want {
		t.Errorf("elapsed = %v, want %v", got, want)
	}
	rows := map[string]measure.Tracked{}
	for _, s := range d.Sections {
		for _, g := range s.Goals {
			if g.Goal.Category != s.Category {
				t.Errorf("goal %q in section %s", g.Goal.Name, s.Category)
			}
			rows[g.Goal.Name] = g
		}
	}
	approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a)) })
	for _, tt := range statusGoals {
		t.Run(tt.name, func(t *testing.T) {
			row, ok := rows[tt.name]
			if !ok {
				t.Fatalf("goal %q not in the report", tt.name)
			}
			type result struct {
				Actual, Forecast, Progress, Used *float64
				Status                           metric.Status
			}
			got := result{row.Actual, row.Progress.Forecast, row.Progress.Progress, row.Progress.Used, row.Progress.Status}
			want := result{tt.actual, tt.forecast, tt.progress, tt.used, tt.status}
			if diff := cmp.Diff(want, got, approx); diff != "" {
				t.Errorf("row (-want +got):\n%s", diff)
			}
		})
	}

	// Every distinct (scope, range) is asked for once; the three owners'
	// quarter comes from one query grouped by owner.
	for q, n := range src.queries {
		if n != 1 {
			t.Errorf("query %s asked %d times", q, n)
		}
	}
	if got, want := src.queries["by owner 2027-01-01..2027-02-14"], 1; got != want {
		t.Errorf("grouped owner queries = %d, want %d (queries: %v)", got, want, src.queries)
	}
	if n := src.queries["owner Ana 2027-01-01..2027-02-14"]; n != 0 {
		t.Errorf("Ana's quarter asked on its own %d times, want it from the grouped query", n)
	}
	// January and February so far come from one query by month.
	if got, want := src.queries["by month 2027-01-01..2027-02-14"], 1; got != want {
		t.Errorf("grouped month queries = %d, want %d (queries: %v)", got, want, src.queries)
	}
	// The report's and its goals' ranges: the quarter so far and 2026-Q4
	// (with the trend's quarters, below), the months and the owners'
	// quarter; March has not started. The
	// running revenue and new-deals goals' coverage comes from one query
	// of the deals by owner, team and day over all they need: closed from
	// 2026 (the quarter's 4 quarters before) to January (February's 4
	// months before), open from the day after as-of to the quarter's end.
	for _, q := range []string{"coverage 2026-01-01..2027-01-31 2027-02-15..2027-03-31"} {
		if src.queries[q] != 1 {
			t.Errorf("win rate range %s asked %d times, want once", q, src.queries[q])
		}
	}
	// The trend: the quarter so far and the 7 before it, company-wide,
	// in one query split by quarter; the quarter and 2026-Q4, the
	// previous period, are two of them.
	if n := src.queries["company  2025-04-01..2027-02-14 in 8 spans"]; n != 1 {
		t.Errorf("the trend's quarters asked %d times in one query, want once: %v", n, src.queries)
	}
	if got, want := len(src.queries), 4; got != want {
		t.Errorf("%d distinct queries, want %d: %v", got, want, src.queries)
	}

	// The summary counts every goal once, every status listed.
	sum := map[metric.Status]int{}
	for _, c := range d.Summary() {
		sum[c.Status] = c.N
	}
	want := map[metric.Status]int{}
	for _, g := range statusGoals {
		want[g.status]++
	}
	for _, st := range metric.Statuses() {
		if sum[st] != want[st] {
			t.Errorf("summary[%s] = %d, want %d", st, sum[st], want[st])
		}
	}
	if got, want := d.Failing(metric.StatusAtRisk), want[metric.StatusAtRisk]+want[metric.StatusBehind]+want[metric.StatusMissed]; got != want {
		t.Errorf("failing(at-risk) = %d, want %d", got, want)
	}
	if got, want := d.Failing(metric.StatusBehind), want[metric.StatusBehind]+want[metric.StatusMissed]; got != want {
		t.Errorf("failing(behind) = %d, want %d", got, want)
	}
}

// TestReportSectionValues checks the categories' values over the quarter
// so far and 2026-Q4 (no data: zeros and nulls), for the company and for
// an owner, for whom cac has no value.
func TestReportSectionValues(t *testing.T) {
	path := mustFixture(t, nil)
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	asOf, _ := metric.ParseDate(fixtureAsOf)
	tests := []struct {
		name  string
		scope metric.Scope
		want  map[string][2]*float64 // category → value, previous
	}{
		{"company", metric.Scope{Level: metric.Company}, map[string][2]*float64{
			"cycle-time": {num(30), nil},
			"prospects":  {num(6), num(1)}, // D1 was created in 2026-Q4
			"win-rate":   {num(60), nil},
			"revenue":    {num(60000), num(0)},
			"margin":     {num(100 * (30000.0 - 12000) / 30000), nil}, // D1 + D2 have a cost
			"cac":        {num(3000), nil},                            // 2026-Q4: no customer acquired
			"retention":  {num(75), num(100)},
			"churn":      {num(25), num(0)},
			"expansion":  {num(20000), num(0)},
		}},
		{"owner Ana", metric.Scope{Level: metric.Owner, Value: "Ana"}, map[string][2]*float64{
			"cycle-time": {num(35), nil},
			"prospects":  {num(3), num(1)},
			"win-rate":   {num(100 * 2.0 / 3), nil},
			"revenue":    {num(40000), num(0)},
			"margin":     {num(60), nil},
			"cac":        {nil, nil},
			"retention":  {num(50), num(100)}, // S = K7 K9, K9 churned
			"churn":      {num(50), num(0)},
			"expansion":  {num(0), num(0)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := &reportOptions{rootOptions: &rootOptions{env: osEnv()}, cats: metric.Categories(), periodOf: "2027-Q1"}
			if tt.scope.Level == metric.Owner {
				opts.owner = tt.scope.Value
			}
			d, err := loadReport(ctx, db, opts, asOf)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][2]*float64{}
			for _, s := range d.Sections {
				got[s.Category] = [2]*float64{s.Value.Number(), s.Previous.Number()}
			}
			approx := cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a)) })
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("values (-want +got):\n%s", diff)
			}
		})
	}
}
