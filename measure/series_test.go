package measure

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// seriesSource answers Series with one hand-made series, and notes the
// questions.
type seriesSource struct {
	rangeSource
	series []Series
	asked  []SeriesQuery
}

func (s *seriesSource) Series(_ context.Context, q SeriesQuery) ([]Series, error) {
	s.asked = append(s.asked, q)
	return s.series, nil
}

// TestPathOf works a goal's path out by hand over five days,
// 2027-01-01..2027-01-05:
//
//	01-01: 1 deal won, 1000.00, a 10-day cycle
//	01-03: 2 deals won, 250.00 each, cycles of 20 and 40 days; 1 lost
//	(2026-12-30, before the goal's period: left out)
//
// and customers: 3 acquired before the period and never churned, 1
// acquired before it and churned on 01-02, 2 acquired on 01-04.
//
//	revenue              1000, 1000, 1500, 1500, 1500
//	win-rate             100, 100, 75 (3 of 4), 75, 75
//	avg-cycle-days       10, 10, 70/3, 70/3, 70/3
//	median-cycle-days    10, 10, 20 (of 10, 20, 40), 20, 20
//	retention-rate       S = 4: 100, 75, 75, 75, 75
//	churned-customers    0, 1, 1, 1, 1
//	new-customers        0, 0, 0, 2, 2
func TestPathOf(t *testing.T) {
	day := func(d int) time.Time { return metric.Date(2027, time.January, d) }
	before, after := metric.Date(2026, time.December, 31), metric.Date(2027, time.January, 6)
	s := Series{
		Days: []DayAggregates{
			{Day: metric.Date(2026, time.December, 30), Aggregates: metric.Aggregates{Won: 5, WonMoney: 5, WonAmount: 9900000}},
			{Day: day(1), Aggregates: metric.Aggregates{Won: 1, WonMoney: 1, WonAmount: 100000, CycleDaysSum: 10}},
			{Day: day(3), Aggregates: metric.Aggregates{Won: 2, WonMoney: 2, WonAmount: 50000, CycleDaysSum: 60, Lost: 1}},
		},
		Customers: []CustomerCell{
			{Acquired: before, Churned: after, N: 3},
			{Acquired: before, Churned: day(2), N: 1},
			{Acquired: day(4), Churned: after, N: 2},
		},
		Cycles: []CycleCell{{Day: day(1), Days: 10, Won: 1}, {Day: day(3), Days: 20, Won: 1}, {Day: day(3), Days: 40, Won: 1}},
	}
	tests := []struct {
		metric string
		want   []float64
	}{
		{"revenue", []float64{1000, 1000, 1500, 1500, 1500}},
		{"win-rate", []float64{100, 100, 75, 75, 75}},
		{"avg-cycle-days", []float64{10, 10, 70.0 / 3, 70.0 / 3, 70.0 / 3}},
		{"median-cycle-days", []float64{10, 10, 20, 20, 20}},
		{"retention-rate", []float64{100, 75, 75, 75, 75}},
		{"churned-customers", []float64{0, 1, 1, 1, 1}},
		{"new-customers", []float64{0, 0, 0, 2, 2}},
	}
	company := metric.Scope{Level: metric.Company}
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			// The series split in two (an owner and a team each) adds up
			// to the same.
			one, two := s, Series{Owner: "b"}
			one.Days, two.Days = s.Days[:2], s.Days[2:]
			p := pathOf(tt.metric, company, []Series{one, two}, day(1), day(5), allInputs)
			if len(p.Values) != len(tt.want) {
				t.Fatalf("%d days, want %d", len(p.Values), len(tt.want))
			}
			for i, w := range tt.want {
				if !p.Days[i].Equal(day(i + 1)) {
					t.Errorf("day %d is %s", i, metric.FormatDate(p.Days[i]))
				}
				if v := p.Values[i]; v == nil || math.Abs(*v-w) > 1e-9 {
					t.Errorf("%s on %s = %v, want %v", tt.metric, metric.FormatDate(day(i+1)), show(v), w)
				}
			}
		})
	}
	// Spend is the company's: an owner's path of it is null every day.
	p := pathOf("spend", metric.Scope{Level: metric.Owner, Value: "ana"}, []Series{s}, day(1), day(5), allInputs)
	for i, v := range p.Values {
		if v != nil {
			t.Errorf("an owner's spend on day %d = %v, want null", i, *v)
		}
	}
}

func show(v *float64) any {
	if v == nil {
		return "null"
	}
	return *v
}

func TestMedianOf(t *testing.T) {
	tests := []struct {
		name string
		hist map[int64]int64
		want float64
	}{
		{"none", map[int64]int64{}, 0},
		{"odd", map[int64]int64{30: 1, 10: 1, 20: 1}, 20},
		{"even: the mean of the middle two", map[int64]int64{10: 1, 20: 1}, 15},
		{"counts", map[int64]int64{5: 3, 9: 1}, 5},
		{"middle two in different cells", map[int64]int64{1: 2, 3: 2}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := medianOf(tt.hist); got != tt.want {
				t.Errorf("medianOf(%v) = %v, want %v", tt.hist, got, tt.want)
			}
		})
	}
}

// TestPathsAsk: the source is asked once, over the days the goals need:
// for their scope when they share one, else split by owner and team. A
// goal that has not started has no path.
func TestPathsAsk(t *testing.T) {
	asOf := metric.Date(2027, time.February, 14)
	g := func(id int64, m string, sc metric.Scope, period string) goal.Goal {
		p, err := metric.ParsePeriod(period, asOf, time.January)
		if err != nil {
			t.Fatal(err)
		}
		return goal.Goal{ID: id, Metric: m, Scope: sc, Period: p}
	}
	owner := func(v string) metric.Scope { return metric.Scope{Level: metric.Owner, Value: v} }
	company := metric.Scope{Level: metric.Company}
	tests := []struct {
		name  string
		goals []goal.Goal
		asked []string
	}{
		{"one scope", []goal.Goal{g(1, "revenue", company, "2027-Q1"), g(2, "win-rate", company, "2027-01"), g(3, "revenue", company, "2027-03")},
			[]string{"company  2027-01-01..2027-02-14"}},
		{"one owner", []goal.Goal{g(1, "revenue", owner("a"), "2027-02")},
			[]string{"owner a 2027-02-01..2027-02-14"}},
		{"scopes: split", []goal.Goal{g(1, "revenue", company, "2027-02"), g(2, "revenue", owner("a"), "2027-01"), g(3, "median-cycle-days", owner("b"), "2027-Q1")},
			[]string{"company  2027-01-01..2027-02-14 split cycles"}},
		{"spend with the rest", []goal.Goal{g(1, "revenue", owner("a"), "2027-Q1"), g(2, "cac", company, "2027-02")},
			[]string{"company  2027-01-01..2027-02-14 split"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &seriesSource{rangeSource: rangeSource{in: allInputs}}
			paths, err := New(src, "USD", asOf).Paths(context.Background(), tt.goals)
			if err != nil {
				t.Fatal(err)
			}
			var asked []string
			for _, q := range src.asked {
				s := string(q.Scope.Level) + " " + q.Scope.Value + " " + dates(q.Query)
				if q.Split {
					s += " split"
				}
				if q.Cycles {
					s += " cycles"
				}
				asked = append(asked, s)
			}
			slices.Sort(asked)
			if diff := cmp.Diff(tt.asked, asked); diff != "" {
				t.Errorf("questions (-want +got):\n%s", diff)
			}
			for _, g := range tt.goals {
				_, ok := paths[g.ID]
				if started := g.Period.Started(asOf); ok != started {
					t.Errorf("goal %d: a path %v, started %v", g.ID, ok, started)
				}
			}
		})
	}
	// January is whole, the quarter up to as-of.
	src := &seriesSource{rangeSource: rangeSource{in: allInputs}}
	paths, err := New(src, "USD", asOf).Paths(context.Background(), []goal.Goal{g(1, "revenue", company, "2027-Q1"), g(2, "revenue", company, "2027-01")})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := len(paths[1].Values), len(paths[2].Values); a != 45 || b != 31 {
		t.Errorf("paths of %d and %d days, want 45 and 31", a, b)
	}
}
