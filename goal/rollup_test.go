package goal

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		metric  string
		total   float64
		weights []float64
		want    []float64
	}{
		// 100,000.00 in three equal parts: 10,000,000 cents / 3 leaves one
		// cent, which goes to the first part.
		{"money, even", "revenue", 100000, []float64{1, 1, 1}, []float64{33333.34, 33333.33, 33333.33}},
		// 100 deals by last year's 20, 30 and 50: exact.
		{"count, seasonal", "new-deals", 100, []float64{20, 30, 50}, []float64{20, 30, 50}},
		// 10 deals by 1, 1, 1: 3.33 each, floors 3 + 3 + 3, the tenth to the first.
		{"count, remainder", "new-deals", 10, []float64{1, 1, 1}, []float64{4, 3, 3}},
		// A week cut to 3 of its 7 days counts 3/7: 100,000 cents × 3/17 and
		// × 7/17 are 17,647.06, 41,176.47 and 41,176.47 cents; the floors
		// leave one cent, for the largest remainder (the earlier on a tie).
		{"money, a cut week", "revenue", 1000, []float64{3.0 / 7, 1, 1}, []float64{176.47, 411.77, 411.76}},
		// Retention 91% over a half-year allows a loss of 9 points: 1.5 a
		// month.
		{"retention", "retention-rate", 91, []float64{1, 1, 1, 1, 1, 1}, []float64{98.5, 98.5, 98.5, 98.5, 98.5, 98.5}},
		// A ratio does not add up over time: each part asks the same.
		{"ratio", "win-rate", 30, []float64{1, 2, 3}, []float64{30, 30, 30}},
		// A zero weight gets nothing: last year's empty month.
		{"a part without history", "revenue", 900, []float64{0, 1, 2}, []float64{0, 300, 600}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := metric.Lookup(tt.metric)
			got, err := Split(m, tt.total, tt.weights)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split (-want +got):\n%s", diff)
			}
			if AddsUpOverTime(m) {
				if sum := RollUp(m, got); sum != tt.total {
					t.Errorf("the parts add up to %v, want %v", sum, tt.total)
				}
			}
		})
	}
	rev, _ := metric.Lookup("revenue")
	if _, err := Split(rev, 100, []float64{0, 0}); !errors.Is(err, ErrNoShares) {
		t.Errorf("weights of 0: error %v, want ErrNoShares", err)
	}
}

// TestRollUp: the goals that serve a goal, against its target, in
// Relevant. The parent asks 180,000 revenue in 2027-Q1 (revenueGoal's
// quarter; a baseline of 100,000, so that it raises revenue).
func TestRollUp(t *testing.T) {
	owner := func(name string, target float64) Goal {
		return Goal{Metric: "revenue", Scope: metric.Scope{Level: metric.Owner, Value: name}, Period: period(t, "2027-Q1"), TargetValue: num(target)}
	}
	month := func(spec string, target float64) Goal {
		return Goal{Metric: "revenue", Scope: metric.Scope{Level: metric.Company}, Period: period(t, spec), TargetValue: num(target)}
	}
	ownerMonth := func(name, spec string, target float64) Goal {
		g := owner(name, target)
		g.Period = period(t, spec)
		return g
	}
	tests := []struct {
		name     string
		children []Goal
		want     Check
	}{
		{"exactly assigned", []Goal{owner("ana", 60000), owner("ben", 60000), owner("eva", 60000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"the 3 goals that serve it add up to its target (180,000)",
			}}},
		// 170,000 is 10,000 short: 10,000 / 180,000 = 5.6%.
		{"under-assigned", []Goal{owner("ana", 60000), owner("ben", 60000), owner("eva", 50000)},
			Check{Relevant, Warn, []string{
				"under-assigned: the 3 goals that serve it add up to 170,000, 10,000 (5.6%) short of its target 180,000: the rest is nobody's target",
				"raises revenue (100,000 → 180,000), the better direction",
			}}},
		// 198,000 is 18,000 over: 10%.
		{"over-assigned as usual", []Goal{owner("ana", 66000), owner("ben", 66000), owner("eva", 66000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"over-assigned by 10%: the 3 goals that serve it add up to 198,000 against its target 180,000 (10–20% over is the usual margin)",
			}}},
		// 225,000 is 45,000 over: 25%.
		{"over-assigned too far", []Goal{owner("ana", 75000), owner("ben", 75000), owner("eva", 75000)},
			Check{Relevant, Warn, []string{
				"over-assigned by 25%: the 3 goals that serve it add up to 225,000 against its target 180,000; past 20% over, the team is asked for far more than the goal",
				"raises revenue (100,000 → 180,000), the better direction",
			}}},
		// Its months, with one whose baseline is not known yet.
		{"the parts of its period", []Goal{month("2027-01", 60000), month("2027-02", 60000), month("2027-03", 60000), {Metric: "revenue"}},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"the 3 parts of 2027-Q1 add up to its target (180,000)",
				"1 of the goals that serve it has no target yet (no baseline to resolve it against)",
			}}},
		// One goal beneath it: the sentence is about one goal. 170,000 is
		// 10,000 short of 180,000: 5.6%; 198,000 is 10% over.
		{"one goal, its whole target", []Goal{owner("ana", 180000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"the one goal that serves it asks for its whole target (180,000)",
			}}},
		{"one goal, under-assigned", []Goal{owner("ana", 170000)},
			Check{Relevant, Warn, []string{
				"under-assigned: the one goal that serves it asks for 170,000, 10,000 (5.6%) short of its target 180,000: the rest is nobody's target",
				"raises revenue (100,000 → 180,000), the better direction",
			}}},
		{"one goal, over-assigned", []Goal{owner("ana", 198000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"over-assigned by 10%: the one goal that serves it asks for 198,000 against its target 180,000 (10–20% over is the usual margin)",
			}}},
		// Like with like: a month's goal says nothing of the quarter's
		// target, however it compares.
		{"one month of its quarter", []Goal{month("2027-01", 60000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"the one goal that serves it covers only 2027-01 of 2027-Q1: its target is not added up against this goal's until goals cover the whole of 2027-Q1",
			}}},
		{"two reps' goals for two of its months", []Goal{ownerMonth("ana", "2027-01", 20000), ownerMonth("ben", "2027-02", 20000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"the 2 goals that serve it cover only 2027-01, 2027-02 of 2027-Q1: their targets are not added up against this goal's until goals cover the whole of 2027-Q1",
			}}},
		// Every month of the quarter, a rep each: 3 × 65,000 = 195,000,
		// 15,000 (8.3%) over.
		{"reps' goals for every month", []Goal{ownerMonth("ana", "2027-01", 65000), ownerMonth("ben", "2027-02", 65000), ownerMonth("ana", "2027-03", 65000)},
			Check{Relevant, Pass, []string{
				"raises revenue (100,000 → 180,000), the better direction",
				"over-assigned by 8.3%: the 3 goals that serve it add up to 195,000 against its target 180,000 (10–20% over is the usual margin)",
			}}},
		// A goal on another metric does not count.
		{"another metric", []Goal{{Metric: "new-deals", Scope: metric.Scope{Level: metric.Owner, Value: "ana"}, TargetValue: num(5)}},
			Check{Relevant, Pass, []string{"raises revenue (100,000 → 180,000), the better direction"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ev := revenueGoal(t)
			g.Target = mustTarget(t, "180000")
			ev.Children = tt.children
			if diff := cmp.Diff(tt.want, Assess(g, ev, asOf).Check(Relevant)); diff != "" {
				t.Errorf("Relevant (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRollUpCapAndRates: caps warn when their children allow more; rates
// do not add up over owners.
func TestRollUpCapAndRates(t *testing.T) {
	g, ev := revenueGoal(t)
	g.Category, g.Metric, g.Target = "margin", "discounted-deals", mustTarget(t, "9")
	g.Baseline.Value = num(12)
	ana := metric.Scope{Level: metric.Owner, Value: "ana"}
	ben := metric.Scope{Level: metric.Owner, Value: "ben"}
	ev.Children = []Goal{{Metric: "discounted-deals", Scope: ana, Period: g.Period, TargetValue: num(5)}, {Metric: "discounted-deals", Scope: ben, Period: g.Period, TargetValue: num(6)}}
	want := "the 2 goals that serve it allow 11 together, more than its 9: each can be met while this goal is missed"
	if got := Assess(g, ev, asOf).Check(Relevant); got.Verdict != Warn || got.Reasons[0] != want {
		t.Errorf("Relevant = %s %q, want warn %q", got.Verdict, got.Reasons, want)
	}
	// One goal allowing 11 of a cap of 9.
	ev.Children = []Goal{{Metric: "discounted-deals", Scope: ana, Period: g.Period, TargetValue: num(11)}}
	want = "the one goal that serves it allows 11, more than its 9: it can be met while this goal is missed"
	if got := Assess(g, ev, asOf).Check(Relevant); got.Verdict != Warn || got.Reasons[0] != want {
		t.Errorf("Relevant = %s %q, want warn %q", got.Verdict, got.Reasons, want)
	}
	g, ev = revenueGoal(t)
	g.Category, g.Metric, g.Target = "churn", "churn-rate", mustTarget(t, "5")
	g.Baseline.Value = num(8)
	ev.Children = []Goal{{Metric: "churn-rate", Scope: ana, TargetValue: num(5)}, {Metric: "churn-rate", Scope: ben, TargetValue: num(5)}}
	if got := Assess(g, ev, asOf).Check(Relevant); len(got.Reasons) != 1 {
		t.Errorf("churn rates of owners were added up: %q", got.Reasons)
	}
}

// TestPlannedBaseline: a goal for February whose baseline month, January,
// has not ended takes the target of January's goal as its baseline until
// January ends: 109,000 × 1.09 = 118,810.
func TestPlannedBaseline(t *testing.T) {
	g, ev := revenueGoal(t)
	g.Period = period(t, "2027-02")
	g.Baseline = Baseline{Spec: BaselinePrevious, Period: period(t, "2027-01")}
	jan := Goal{ID: 7, Metric: "revenue", Period: g.Baseline.Period, TargetValue: num(109000)}
	g.Baseline.Plan(jan)
	g.Resolve()
	b := g.Baseline
	if !b.Planned() || !b.Provisional() || b.From != 7 || metric.FormatDate(b.Through) != "2026-12-31" {
		t.Errorf("planned %v, provisional %v, from %d, through %s; want true, true, 7, 2026-12-31",
			b.Planned(), b.Provisional(), b.From, metric.FormatDate(b.Through))
	}
	if *g.TargetValue != 118810 {
		t.Errorf("target %v, want 118810", *g.TargetValue)
	}
	got := Assess(g, ev, asOf).Check(Measurable)
	want := Check{Measurable, Pass, []string{"baseline planned: 109,000, the target set for 2027-01, until 2027-01 ends; then revenue over the whole of it, and the target resolved again"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Measurable (-want +got):\n%s", diff)
	}
}
