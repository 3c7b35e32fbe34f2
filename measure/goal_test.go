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
// (zero for others), says the data holds what in says, and answers every
// question for pipeline coverage with days and undated, noting the
// questions.
type rangeSource struct {
	dataSource
	ranges    map[string]metric.Aggregates
	in        metric.Inputs
	days      []DayGroup
	undated   int64
	questions []string
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
func (s *rangeSource) AggregatesIn(_ context.Context, _ Query, spans []Span) ([]Group, error) {
	var gs []Group
	for _, sp := range spans {
		gs = append(gs, Group{From: sp.From, To: sp.To, Aggregates: s.ranges[dates(Query{From: sp.From, To: sp.To})]})
	}
	return gs, nil
}
func (s *rangeSource) Inputs(context.Context) (metric.Inputs, error) { return s.in, nil }
func (s *rangeSource) CoverageDeals(_ context.Context, q CoverageQuery) (CoverageCounts, error) {
	s.questions = append(s.questions, dates(Query{From: q.ClosedFrom, To: q.ClosedTo})+" "+dates(Query{From: q.OpenFrom, To: q.OpenTo}))
	return CoverageCounts{Days: s.days, Undated: s.undated}, nil
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

// TestTrackCoverage: a running revenue or new-deals goal gets the
// pipeline's coverage at its scope's win rate of the 4 periods before its
// own, from the open deals of its scope that close by its end; what the
// source answered for one goal answers the next when its ranges hold the
// next's.
func TestTrackCoverage(t *testing.T) {
	asOf := mustDay("2027-02-14")
	day := func(s string) time.Time { return mustDay(s) }
	src := &rangeSource{in: allInputs,
		ranges: map[string]metric.Aggregates{
			"2027-01-01..2027-02-14": {Won: 1, WonMoney: 1, WonAmount: 1000000},
			"2027-02-01..2027-02-14": {Won: 1, WonMoney: 1, WonAmount: 100000},
		},
		// 2026: Ana won 2 (in March), Bo won 1 (in June) and lost 1 (in
		// November): the company 3 of 4; October to January: Bo's 1 of 2.
		// Open on 02-14: Ana's, closing 02-20 and 03-10; Bo's, 03-31 and
		// 04-02 (after Q1); 1 open deal of the data has no close date.
		days: []DayGroup{
			{Owner: "ana", Day: day("2026-03-10"), Won: 2},
			{Owner: "bo", Day: day("2026-06-10"), Won: 1},
			{Owner: "bo", Day: day("2026-11-10"), Lost: 1},
			{Owner: "bo", Day: day("2027-01-20"), Won: 1},
			{Owner: "ana", Day: day("2027-02-20"), Pipeline: metric.Pipeline{Deals: 1, DealsMoney: 1, Amount: 200000}},
			{Owner: "ana", Day: day("2027-03-10"), Pipeline: metric.Pipeline{Deals: 2, DealsMoney: 1, Amount: 800000}},
			{Owner: "bo", Day: day("2027-03-31"), Pipeline: metric.Pipeline{Deals: 1, DealsMoney: 1, Amount: 400000}},
			{Owner: "bo", Day: day("2027-04-02"), Pipeline: metric.Pipeline{Deals: 5, DealsMoney: 5, Amount: 900000}},
		},
		undated: 1,
	}
	m := New(src, "USD", asOf)
	ana := metric.Scope{Level: metric.Owner, Value: "ana"}
	tests := []struct {
		name  string
		goal  goal.Goal
		scope metric.Scope
		want  *metric.Coverage
	}{
		// By 03-31: 1 + 2 + 1 deals, 4 of them in USD, 2000 + 8000 + 4000;
		// 14 000 × 75% = 10 500 of the 30 000 − 10 000 missing.
		{"the company's quarter", mustGoal(t, "revenue", "30000", "2027-Q1", asOf), metric.Scope{Level: metric.Company},
			&metric.Coverage{OpenDeals: 3, Open: 14000, Undated: 1, WinRate: ptr(75), Expected: ptr(10500), Missing: 20000, Ratio: ptr(0.525)}},
		// Ana's new deals: her 3 deals by 03-31 at her own win rate, 2 of 2
		// in 2026: all 3 of the 10 missing (this source answers her
		// quarter so far as the company's: 0 created).
		{"an owner's count", mustGoal(t, "new-deals", "10", "2027-Q1", asOf), ana,
			&metric.Coverage{OpenDeals: 3, Open: 3, Undated: 1, WinRate: ptr(100), Expected: ptr(3), Missing: 10, Ratio: ptr(0.3)}},
		// February: only what closes by 02-28, at 1 won of 2 closed from
		// October to January.
		{"a month", mustGoal(t, "revenue", "5000", "2027-02", asOf), metric.Scope{Level: metric.Company},
			&metric.Coverage{OpenDeals: 1, Open: 2000, Undated: 1, WinRate: ptr(50), Expected: ptr(1000), Missing: 4000, Ratio: ptr(0.25)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.goal
			g.Scope = tt.scope
			tr, err := m.Track(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, tr.Coverage); diff != "" {
				t.Errorf("coverage (-want +got):\n%s", diff)
			}
		})
	}
	// Asked goal by goal: the quarter's question (2026, and open deals to
	// 03-31) also answers Ana's; February's recent months reach into 2027:
	// a second question, for all that both need.
	want := []string{"2026-01-01..2026-12-31 2027-02-15..2027-03-31", "2026-01-01..2027-01-31 2027-02-15..2027-03-31"}
	if diff := cmp.Diff(want, src.questions); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
	// Once the quarter has ended there is nothing left to cover.
	tr, err := New(src, "USD", mustDay("2027-04-02")).Track(context.Background(), mustGoal(t, "revenue", "30000", "2027-Q1", asOf))
	if err != nil {
		t.Fatal(err)
	}
	if tr.Coverage != nil {
		t.Errorf("coverage after the quarter: %+v, want none", tr.Coverage)
	}
}

func ptr(x float64) *float64 { return &x }
