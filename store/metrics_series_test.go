package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestAggregatesInMatchOracle: each span of one query split by span has
// the aggregates the independent implementation gives for that span
// alone, for the eight quarters of a trend, months, and a run of weeks.
func TestAggregatesInMatchOracle(t *testing.T) { forEngines(t, testAggregatesInMatchOracle) }

func testAggregatesInMatchOracle(t *testing.T, open opener) {
	f := randomFixture(1, 4000, 600, 1500)
	db := open(t)
	mustLoad(t, db, f)
	ctx := context.Background()
	asOf := metric.Date(2027, time.May, 17)
	runs := []struct {
		name   string
		period string
	}{
		{"eight quarters, the last cut at as-of", "2027-Q2"},
		{"eight months", "2027-05"},
		{"eight ISO weeks", "2027-W20"},
	}
	scopes := []metric.Scope{{Level: metric.Company}, {Level: metric.Owner, Value: "ana"}, {Level: metric.Team, Value: "west"}}
	for _, r := range runs {
		p, err := metric.ParsePeriod(r.period, asOf, time.January)
		if err != nil {
			t.Fatal(err)
		}
		var spans []measure.Span
		for _, tp := range measure.TrendPeriods(p) {
			eff, _ := tp.Effective(asOf)
			spans = append(spans, measure.Span{From: eff.Start, To: eff.End})
		}
		for _, sc := range scopes {
			t.Run(fmt.Sprintf("%s/%s=%s", r.name, sc.Level, sc.Value), func(t *testing.T) {
				q := measure.Query{From: spans[0].From, To: spans[len(spans)-1].To, Scope: sc, Currency: "USD"}
				gs, err := db.AggregatesIn(ctx, q, spans)
				if err != nil {
					t.Fatal(err)
				}
				if len(gs) != len(spans) {
					t.Fatalf("%d groups, want %d", len(gs), len(spans))
				}
				active := false
				for i, g := range gs {
					from, to := metric.FormatDate(spans[i].From), metric.FormatDate(spans[i].To)
					if !g.From.Equal(spans[i].From) || !g.To.Equal(spans[i].To) {
						t.Errorf("group %d covers %s..%s, want %s..%s", i, metric.FormatDate(g.From), metric.FormatDate(g.To), from, to)
					}
					want := oracle(f, from, to, sc, "USD")
					active = active || want.active
					for _, d := range diffValues(valuesOf(g.Aggregates, sc), want.values) {
						t.Errorf("%s..%s: %s", from, to, d)
					}
					if g.Aggregates.OtherCurrency != want.otherCurrency {
						t.Errorf("%s..%s: OtherCurrency = %d, want %d", from, to, g.Aggregates.OtherCurrency, want.otherCurrency)
					}
				}
				if !active {
					t.Errorf("nothing in any span for this scope: the case tests nothing")
				}
			})
		}
	}
	if _, err := db.AggregatesIn(ctx, measure.Query{Currency: "USD"}, []measure.Span{
		{From: metric.Date(2027, 1, 1), To: metric.Date(2027, 1, 31)},
		{From: metric.Date(2027, 2, 2), To: metric.Date(2027, 2, 28)},
	}); err == nil {
		t.Errorf("spans with a day between them: no error")
	}
}

// TestPathsMatchOracle: a goal's path, measured from the rollups' series
// day by day (Series, through measure.Paths), has on each day the value
// the independent implementation gives over the goal's first day to that
// day, for every metric, for the company, an owner, the deals without an
// owner and a team, over a quarter cut at as-of and a whole month.
func TestPathsMatchOracle(t *testing.T) { forEngines(t, testPathsMatchOracle) }

func testPathsMatchOracle(t *testing.T, open opener) {
	f := randomFixture(2, 3000, 500, 1200)
	db := open(t)
	mustLoad(t, db, f)
	ctx := context.Background()
	asOf := metric.Date(2027, time.May, 17)
	scopes := []metric.Scope{
		{Level: metric.Company}, {Level: metric.Owner, Value: "ana"}, {Level: metric.Owner, Value: ""}, {Level: metric.Team, Value: "west"},
	}
	var gs []goal.Goal
	for _, spec := range []string{"2027-Q2", "2027-03"} {
		p, err := metric.ParsePeriod(spec, asOf, time.January)
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range scopes {
			for _, m := range metric.Metrics() {
				gs = append(gs, goal.Goal{ID: int64(len(gs) + 1), Name: spec + " " + m.ID, Category: m.Category, Metric: m.ID, Scope: sc, Period: p})
			}
		}
	}
	paths, err := measure.New(db, "USD", asOf).Paths(ctx, gs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]oracleResult{}
	for _, g := range gs {
		path, ok := paths[g.ID]
		if !ok {
			t.Fatalf("goal %q has no path", g.Name)
		}
		eff, _ := g.Period.Effective(asOf)
		if got, want := len(path.Values), eff.Days(); got != want {
			t.Fatalf("goal %q: %d days, want %d", g.Name, got, want)
		}
		from := metric.FormatDate(eff.Start)
		for i := 0; i < len(path.Values); i += 6 {
			if i+6 >= len(path.Values) {
				i = len(path.Values) - 1 // always the last day: the actual
			}
			to := metric.FormatDate(path.Days[i])
			k := fmt.Sprint(g.Scope, from, to)
			if _, ok := want[k]; !ok {
				want[k] = oracle(f, from, to, g.Scope, "USD")
			}
			w := want[k].values[g.Metric]
			if d := diffValues(map[string]*float64{g.Metric: path.Values[i]}, map[string]*float64{g.Metric: w}); len(d) > 0 {
				t.Errorf("%s, %s over %s..%s: %v", g.Name, g.Scope, from, to, d)
			}
		}
	}
}
