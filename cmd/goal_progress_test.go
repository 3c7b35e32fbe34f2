package cmd

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// tracked is a goal on metricID with target t and actual a (nil: null),
// as Track leaves it with progress p.
func tracked(tb testing.TB, metricID string, t float64, a *float64, p metric.Progress) measure.Tracked {
	tb.Helper()
	m, ok := metric.Lookup(metricID)
	if !ok {
		tb.Fatalf("no metric %s", metricID)
	}
	q1 := metric.Period{Label: "2027-Q1", Start: metric.Date(2027, time.January, 1), End: metric.Date(2027, time.March, 31), Grain: metric.GrainQuarter}
	q4 := q1.Previous()
	return measure.Tracked{Goal: goal.Goal{ID: 1, Metric: metricID, Period: q1, TargetValue: &t,
		Baseline: goal.Baseline{Spec: goal.BaselinePrevious, Period: q4, Through: q4.End}},
		Metric: m, Actual: a, Progress: p}
}

func TestProgressCell(t *testing.T) {
	tests := []struct {
		name string
		t    measure.Tracked
		bar  bool
		want string
	}{
		{"quota", tracked(t, "revenue", 100000, num(60000), metric.Progress{Progress: num(0.6)}), false, "60%"},
		{"quota on a terminal", tracked(t, "revenue", 100000, num(60000), metric.Progress{Progress: num(0.6)}), true, "█████░░░ 60%"},
		{"quota past its target keeps a full bar", tracked(t, "revenue", 100000, num(120000), metric.Progress{Progress: num(1.2)}), true, "████████ 120%"},
		// A cap is used, never progressed, and has no bar: 10 of 9.
		{"cap over", tracked(t, "discounted-deals", 9, num(10), metric.Progress{Used: num(10.0 / 9)}), true, "used 10 of 9 (111%)"},
		{"rate cap", tracked(t, "churn-rate", 9.2, num(5.6), metric.Progress{Used: num(5.6 / 9.2)}), false, "used 5.6% of 9.2% (61%)"},
		{"cap of 0", tracked(t, "churned-customers", 0, num(1), metric.Progress{}), false, "used 1 of 0"},
		// Retention reads as a rate, never "used": the loss 100 − 81.3 =
		// 18.7 of the 100 − 91 = 9 allowed; 91 − 81.3 = 9.7 below target,
		// "to win back" while behind (customers can come back).
		{"retention missed", tracked(t, "retention-rate", 91, num(81.3), metric.Progress{Used: num(18.7 / 9), Status: metric.StatusMissed}), false, "lost 18.7pp of 9pp allowed: 9.7pp below target"},
		{"retention behind below target", tracked(t, "retention-rate", 91, num(81.3), metric.Progress{Used: num(18.7 / 9), Status: metric.StatusBehind}), false, "lost 18.7pp of 9pp allowed: 9.7pp to win back"},
		// 100 − 95 = 5 of 9 allowed: 5/9 = 56%.
		{"retention above target", tracked(t, "retention-rate", 91, num(95), metric.Progress{Used: num(5.0 / 9), Status: metric.StatusOnTrack}), false, "lost 5pp of 9pp allowed (56%)"},
		{"retention on its target", tracked(t, "retention-rate", 91, num(91), metric.Progress{Used: num(1), Status: metric.StatusAchieved}), false, "lost 9pp of 9pp allowed (100%)"},
		{"ratio below its baseline", tracked(t, "win-rate", 35.3, num(25), metric.Progress{Progress: num(-1.06)}), true, "below baseline"},
		{"ratio without a baseline", tracked(t, "win-rate", 35.3, num(25), metric.Progress{}), false, "—"},
		{"cap without an actual", tracked(t, "spend", 100, nil, metric.Progress{}), false, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := progressCell(tt.t, tt.bar); got != tt.want {
				t.Errorf("progressCell = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGoalNotes(t *testing.T) {
	pace := tracked(t, "revenue", 30000, num(10000), metric.Progress{Elapsed: 0.5, Expected: num(15000), NeededPerWeek: num(20000.0 * 7 / 45)})
	pace.LowSample, pace.Basis = true, 1
	pace.Coverage = &metric.Coverage{OpenDeals: 3, Open: 14000, WinRate: num(75), Expected: num(10500), Missing: 20000, Ratio: num(0.525)}
	lastDay := tracked(t, "new-deals", 10, num(4), metric.Progress{Elapsed: 1, Expected: num(10)})
	unmeasured := tracked(t, "cac", 500, nil, metric.Progress{})
	unmeasured.Reason = "no spend was imported: import a spend file (date, amount, channel)"
	provisional := tracked(t, "revenue", 3270, num(0), metric.Progress{})
	provisional.Goal.Target = goal.Target{Spec: "+9%", Form: goal.Percent, Value: 9}
	provisional.Goal.Baseline = goal.Baseline{Spec: goal.BaselinePrevious, Through: metric.Date(2027, time.July, 10),
		Period: metric.Period{Label: "2027-07", Start: metric.Date(2027, time.July, 1), End: metric.Date(2027, time.July, 31), Grain: metric.GrainMonth}}
	settled := provisional
	settled.Goal.Baseline.Through, settled.BaselineWasThrough = settled.Goal.Baseline.Period.End, metric.Date(2027, time.July, 10)
	absolute := settled
	absolute.Goal.Target = goal.Target{Spec: "3270", Form: goal.Absolute, Value: 3270}
	lastYear := tracked(t, "win-rate", 40, num(30), metric.Progress{})
	lastYear.Goal.Baseline.Spec = goal.BaselineLastYear
	tests := []struct {
		name string
		t    measure.Tracked
		want []string
	}{
		{"a running quota", pace, []string{
			"low sample: the actual rests on 1 deal won",
			"pace: 15,000.00 expected by today (50% of 30,000.00); 3,111.11 a week needed to reach it",
			"pipeline coverage 0.5×: 3 open deals (14,000.00) can close by 2027-03-31; at the 75% win rate of the 4 quarters before they would bring 10,500.00 of the 20,000.00 missing",
		}},
		{"the last day: no week left", lastDay, []string{"pace: 10 expected by today (100% of 10)"}},
		{"not measured", unmeasured, []string{"cac is not measured: no spend was imported: import a spend file (date, amount, channel)"}},
		{"provisional baseline", provisional, []string{"baseline provisional: 2027-07 up to 2027-07-10 (10 of its 31 days); measured again over the whole of 2027-07 once it ends"}},
		{"settled baseline", settled, []string{"baseline over the whole of 2027-07: the goal was set when it had run 10 of its 31 days, and the target is resolved again"}},
		{"settled baseline of an absolute target", absolute, []string{"baseline over the whole of 2027-07: the goal was set when it had run 10 of its 31 days"}},
		{"last year's baseline", lastYear, []string{"baseline over 2026-Q4 (2026-10-01..2026-12-31)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, goalNotes(tt.t)); diff != "" {
				t.Errorf("goalNotes (-want +got):\n%s", diff)
			}
		})
	}
}
