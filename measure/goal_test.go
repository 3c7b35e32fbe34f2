package measure

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// rangeSource answers each range with the aggregates its table holds
// (zero for others), says the data holds what in says, and has pipeline as
// the open deals of any range.
type rangeSource struct {
	dataSource
	ranges   map[string]metric.Aggregates
	in       metric.Inputs
	pipeline metric.Pipeline
}

func (s *rangeSource) Aggregates(_ context.Context, q Query) (metric.Aggregates, error) {
	return s.ranges[dates(q)], nil
}
func (s *rangeSource) AggregatesBy(_ context.Context, q Query, _ GroupBy) ([]Group, error) {
	var gs []Group // by month, the only grouping these tests need
	for m := metric.MonthOf(q.From); !m.Start.After(q.To); m = m.Shift(1) {
		from, to := later(m.Start, q.From), earlier(m.End, q.To)
		gs = append(gs, Group{Key: m.Label, From: from, To: to, Aggregates: s.ranges[dates(Query{From: from, To: to})]})
	}
	return gs, nil
}
func (s *rangeSource) Inputs(context.Context) (metric.Inputs, error) { return s.in, nil }
func (s *rangeSource) Pipeline(context.Context, Query) (metric.Pipeline, error) {
	return s.pipeline, nil
}

// allInputs is data whose files carried everything but spend.
var allInputs = metric.Inputs{
	Carried: map[string][]string{
		metric.KindDeals:     {"id", "stage", "amount", "cost", "discount", "created_at", "closed_at"},
		metric.KindCustomers: {"id", "acquired_at", "churned_at"},
	},
	DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true,
}

func mustGoal(t *testing.T, metricID, spec, period string, asOf time.Time) goal.Goal {
	t.Helper()
	p, err := metric.ParsePeriod(period, asOf, time.January)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := goal.ParseTarget(spec)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := metric.Lookup(metricID)
	b, _ := goal.BaselineOver("", p)
	g := goal.Goal{Name: metricID, Category: m.Category, Metric: m.ID, Scope: metric.Scope{Level: metric.Company},
		Period: p, Target: tg, Baseline: b}
	g.Resolve()
	return g
}

// TestTrackSettlesProvisionalBaseline: a goal set on 10 July on "+9% over
// July" rests on July's first 10 days (3000 → 3270); once July is over it
// is tracked against the whole month (10000 → 10900), and says so.
func TestTrackSettlesProvisionalBaseline(t *testing.T) {
	src := &rangeSource{in: allInputs, ranges: map[string]metric.Aggregates{
		"2027-07-01..2027-07-10": {Won: 2, WonMoney: 2, WonAmount: 300000},
		"2027-07-01..2027-07-20": {Won: 3, WonMoney: 3, WonAmount: 700000},
		"2027-07-01..2027-07-31": {Won: 4, WonMoney: 4, WonAmount: 1000000},
		"2027-08-01..2027-08-15": {Won: 1, WonMoney: 1, WonAmount: 500000},
	}}
	setOn := mustDay("2027-07-10")
	g := mustGoal(t, "revenue", "+9%", "2027-08", setOn)
	if _, err := New(src, "USD", setOn).Assess(context.Background(), &g, true); err != nil {
		t.Fatal(err)
	}
	if !g.Baseline.Provisional() || *g.Baseline.Value != 3000 || *g.TargetValue != 3270 {
		t.Fatalf("set on 07-10: baseline %v through %s, target %v; want 3000 through 07-10, provisional, 3270",
			*g.Baseline.Value, metric.FormatDate(g.Baseline.Through), *g.TargetValue)
	}
	tests := []struct {
		asOf               string
		baseline, target   float64
		through, wasThough string
	}{
		// July still runs: the saved baseline stands.
		{"2027-07-20", 3000, 3270, "2027-07-10", ""},
		// July is over: the whole month.
		{"2027-08-15", 10000, 10900, "2027-07-31", "2027-07-10"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			tr, err := New(src, "USD", mustDay(tt.asOf)).Track(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			b := tr.Goal.Baseline
			was := ""
			if !tr.BaselineWasThrough.IsZero() {
				was = metric.FormatDate(tr.BaselineWasThrough)
			}
			got := []any{*b.Value, *tr.Goal.TargetValue, metric.FormatDate(b.Through), was}
			if diff := cmp.Diff([]any{tt.baseline, tt.target, tt.through, tt.wasThough}, got); diff != "" {
				t.Errorf("baseline, target, through, was through (-want +got):\n%s", diff)
			}
			if *g.Baseline.Value != 3000 || *g.TargetValue != 3270 {
				t.Error("Track changed the goal it was given")
			}
		})
	}
}

// TestTrackUnmeasurableAndLowSample: a goal on a metric the data cannot
// measure has no actual, the reason, and no-data; one whose actual rests
// on few deals is marked low sample.
func TestTrackUnmeasurableAndLowSample(t *testing.T) {
	asOf := mustDay("2027-02-14")
	src := &rangeSource{in: allInputs, ranges: map[string]metric.Aggregates{
		"2027-01-01..2027-02-14": {Won: 3, WonMoney: 3, WonAmount: 600000, NewCustomers: 2, SpendRows: 1, Spend: 100000},
	}}
	tests := []struct {
		metric, spec string
		actual       *float64
		reason       string
		lowSample    bool
		status       metric.Status
	}{
		{"cac", "500", nil, "no spend was imported: import a spend file (date, amount, channel)", false, metric.StatusNoData},
		// 6000 over 3 deals won: low sample; heading for 12000 of 10000.
		{"revenue", "10000", ptr(6000), "", true, metric.StatusOnTrack},
	}
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			tr, err := New(src, "USD", asOf).Track(context.Background(), mustGoal(t, tt.metric, tt.spec, "2027-Q1", asOf))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.actual, tr.Actual); diff != "" {
				t.Errorf("actual (-want +got):\n%s", diff)
			}
			if tr.Reason != tt.reason || tr.LowSample != tt.lowSample || tr.Progress.Status != tt.status {
				t.Errorf("reason %q, low sample %v, status %s; want %q, %v, %s", tr.Reason, tr.LowSample, tr.Progress.Status,
					tt.reason, tt.lowSample, tt.status)
			}
		})
	}
}

// TestTrackCoverage: a running revenue goal gets the pipeline's coverage
// at the win rate of the 4 quarters before its own, one range of 2026.
func TestTrackCoverage(t *testing.T) {
	asOf := mustDay("2027-02-14")
	src := &rangeSource{in: allInputs,
		ranges: map[string]metric.Aggregates{
			"2027-01-01..2027-02-14": {Won: 1, WonMoney: 1, WonAmount: 1000000},
			"2026-01-01..2026-12-31": {Won: 3, Lost: 1},
		},
		pipeline: metric.Pipeline{Deals: 3, DealsMoney: 3, Amount: 1400000, Undated: 1},
	}
	tr, err := New(src, "USD", asOf).Track(context.Background(), mustGoal(t, "revenue", "30000", "2027-Q1", asOf))
	if err != nil {
		t.Fatal(err)
	}
	// 14 000 × 75% = 10 500 of the 20 000 missing.
	want := &metric.Coverage{OpenDeals: 3, Open: 14000, Undated: 1, WinRate: ptr(75), Expected: ptr(10500), Missing: 20000, Ratio: ptr(0.525)}
	if diff := cmp.Diff(want, tr.Coverage); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
	// Once the quarter has ended there is nothing left to cover.
	tr, err = New(src, "USD", mustDay("2027-04-02")).Track(context.Background(), mustGoal(t, "revenue", "30000", "2027-Q1", asOf))
	if err != nil {
		t.Fatal(err)
	}
	if tr.Coverage != nil {
		t.Errorf("coverage after the quarter: %+v, want none", tr.Coverage)
	}
}

func ptr(x float64) *float64 { return &x }
