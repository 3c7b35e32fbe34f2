package metric

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// num returns a pointer to x, for nullable inputs and expectations.
func num(x float64) *float64 { return &x }

func mustMetric(tb testing.TB, id string) Metric {
	tb.Helper()
	m, ok := Lookup(id)
	if !ok {
		tb.Fatalf("no metric %q", id)
	}
	return m
}

func TestTrack(t *testing.T) {
	// 2027-Q1 (January start) has 90 days. As-of dates used below and the
	// elapsed share f they give:
	//   2026-12-31  before the period           f = 0
	//   2027-01-01  day 1                       f = 1/90
	//   2027-01-30  day 30                      f = 30/90 = 1/3
	//   2027-02-14  day 31 + 14 = 45            f = 45/90 = 1/2
	//   2027-03-13  day 31 + 28 + 13 = 72       f = 72/90 = 0.8
	//   2027-03-31  day 90, the last day        f = 1, still running
	//   2027-04-10  after the period            f = 1, ended
	q1 := parse(t, "2027-Q1", "2027-02-15", time.January)
	tests := []struct {
		name     string
		metric   string
		baseline *float64
		target   float64
		actual   *float64
		asOf     string
		want     Progress
	}{
		// Revenue: a quota. Progress A/T from 0; while running, expected
		// X = f × T and what is needed in each of the weeks left.
		{"revenue on track", "revenue", num(80000), 100000, num(50000), "2027-02-14",
			// F = 50 000 / 0.5 = 100 000 ≥ 100 000; the baseline is ignored: 50 000 / 100 000.
			// X = 100 000 × 45/90; 45 days left: 50 000 × 7 / 45 a week.
			Progress{Elapsed: 0.5, Forecast: num(100000), Progress: num(0.5), Expected: num(50000), NeededPerWeek: num(350000.0 / 45), Status: StatusOnTrack}},
		{"revenue at risk by exactly 10%", "revenue", nil, 100000, num(45000), "2027-02-14",
			// F = 90 000, short by 10 000 = 10% of 100 000; 55 000 × 7 / 45 a week.
			Progress{Elapsed: 0.5, Forecast: num(90000), Progress: num(0.45), Expected: num(50000), NeededPerWeek: num(385000.0 / 45), Status: StatusAtRisk}},
		{"revenue behind", "revenue", nil, 100000, num(40000), "2027-02-14",
			// F = 80 000, short by 20 000 > 10 000; 60 000 × 7 / 45 a week.
			Progress{Elapsed: 0.5, Forecast: num(80000), Progress: num(0.4), Expected: num(50000), NeededPerWeek: num(420000.0 / 45), Status: StatusBehind}},
		{"revenue already achieved", "revenue", nil, 100000, num(120000), "2027-02-14",
			// A ≥ T while running; F = 240 000, progress 1.2; nothing more needed.
			Progress{Elapsed: 0.5, Forecast: num(240000), Progress: num(1.2), Expected: num(50000), NeededPerWeek: num(0), Status: StatusAchieved}},
		{"revenue on the first day", "revenue", nil, 100000, num(1000), "2027-01-01",
			// F = 1000 × 90 / 1 = 90 000: at risk. X = 100 000 / 90; 89 days left.
			Progress{Elapsed: 1.0 / 90, Forecast: num(90000), Progress: num(0.01), Expected: num(100000.0 / 90), NeededPerWeek: num(693000.0 / 89), Status: StatusAtRisk}},
		{"revenue on the last day is still running", "revenue", nil, 100000, num(95000), "2027-03-31",
			// f = 1, F = A = 95 000, short by 5 000 ≤ 10 000; no week left.
			Progress{Elapsed: 1, Forecast: num(95000), Progress: num(0.95), Expected: num(100000), Status: StatusAtRisk}},
		{"revenue ended short", "revenue", nil, 100000, num(99000), "2027-04-10",
			Progress{Elapsed: 1, Forecast: num(99000), Progress: num(0.99), Status: StatusMissed}},
		{"revenue ended on target", "revenue", nil, 100000, num(100000), "2027-04-10",
			Progress{Elapsed: 1, Forecast: num(100000), Progress: num(1), Status: StatusAchieved}},
		{"new deals at risk", "new-deals", nil, 100, num(30), "2027-01-30",
			// F = 30 × 90 / 30 = 90, short by 10 = 10% of 100. X = 100 × 30/90;
			// 60 days left: 70 × 7 / 60 a week.
			Progress{Elapsed: 1.0 / 3, Forecast: num(90), Progress: num(0.3), Expected: num(3000.0 / 90), NeededPerWeek: num(490.0 / 60), Status: StatusAtRisk}},

		// Period not started, and null actuals.
		{"not started", "revenue", nil, 100000, nil, "2026-12-31",
			Progress{Elapsed: 0, Status: StatusNotStarted}},
		{"not started even with a value", "win-rate", num(50), 60, num(0), "2026-12-31",
			Progress{Elapsed: 0, Status: StatusNotStarted}},
		{"no data while running", "win-rate", num(50), 60, nil, "2027-02-14",
			Progress{Elapsed: 0.5, Status: StatusNoData}},
		{"no data after the end", "gross-margin", num(30), 35, nil, "2027-04-10",
			Progress{Elapsed: 1, Status: StatusNoData}},

		// Win rate: a ratio, higher is better, forecast = value so far,
		// progress (A − B)/(T − B).
		{"win rate at risk", "win-rate", num(50), 60, num(57), "2027-02-14",
			// short by 3 ≤ 6 (10% of 60); progress (57 − 50) / (60 − 50) = 0.7.
			Progress{Elapsed: 0.5, Forecast: num(57), Progress: num(0.7), Status: StatusAtRisk}},
		{"win rate on track", "win-rate", num(50), 60, num(62), "2027-02-14",
			// a ratio is never "achieved" early: it can still fall. (62 − 50) / 10 = 1.2.
			Progress{Elapsed: 0.5, Forecast: num(62), Progress: num(1.2), Status: StatusOnTrack}},
		{"win rate behind", "win-rate", num(50), 60, num(50), "2027-02-14",
			// short by 10 > 6; progress 0 / 10.
			Progress{Elapsed: 0.5, Forecast: num(50), Progress: num(0), Status: StatusBehind}},
		{"win rate below its baseline", "win-rate", num(50), 60, num(45), "2027-02-14",
			// (45 − 50) / (60 − 50) = −0.5: it went the wrong way.
			Progress{Elapsed: 0.5, Forecast: num(45), Progress: num(-0.5), Status: StatusBehind}},
		{"win rate ended above target", "win-rate", num(50), 60, num(61), "2027-04-10",
			Progress{Elapsed: 1, Forecast: num(61), Progress: num(1.1), Status: StatusAchieved}},
		{"win rate target equals baseline", "win-rate", num(60), 60, num(61), "2027-02-14",
			// T − B = 0: no progress figure.
			Progress{Elapsed: 0.5, Forecast: num(61), Status: StatusOnTrack}},
		{"win rate without baseline", "win-rate", nil, 60, num(61), "2027-02-14",
			Progress{Elapsed: 0.5, Forecast: num(61), Status: StatusOnTrack}},
		{"gross margin ended short", "gross-margin", num(30), 35, num(34), "2027-04-10",
			// (34 − 30) / (35 − 30) = 0.8.
			Progress{Elapsed: 1, Forecast: num(34), Progress: num(0.8), Status: StatusMissed}},

		// Cycle time: a ratio, lower is better.
		{"cycle at risk", "avg-cycle-days", num(40), 30, num(32), "2027-02-14",
			// 2 days over ≤ 3 (10% of 30); progress (32 − 40) / (30 − 40) = −8 / −10.
			Progress{Elapsed: 0.5, Forecast: num(32), Progress: num(0.8), Status: StatusAtRisk}},
		{"cycle on track", "avg-cycle-days", num(40), 30, num(28), "2027-02-14",
			// (28 − 40) / (30 − 40) = −12 / −10.
			Progress{Elapsed: 0.5, Forecast: num(28), Progress: num(1.2), Status: StatusOnTrack}},
		{"cycle behind", "avg-cycle-days", num(40), 30, num(35), "2027-02-14",
			// 5 days over > 3; (35 − 40) / (30 − 40) = −5 / −10.
			Progress{Elapsed: 0.5, Forecast: num(35), Progress: num(0.5), Status: StatusBehind}},
		{"cycle ended on target", "median-cycle-days", num(40), 30, num(30), "2027-04-10",
			// (30 − 40) / (30 − 40) = 1.
			Progress{Elapsed: 1, Forecast: num(30), Progress: num(1), Status: StatusAchieved}},
		{"cycle ended a day over", "avg-cycle-days", num(40), 30, num(31), "2027-04-10",
			// (31 − 40) / (30 − 40) = 0.9.
			Progress{Elapsed: 1, Forecast: num(31), Progress: num(0.9), Status: StatusMissed}},

		// Discounts: the average is a ratio; the count of discounted deals a cap.
		{"avg discount at risk", "avg-discount", num(10), 8, num(8.5), "2027-02-14",
			// 0.5 over ≤ 0.8; (8.5 − 10) / (8 − 10) = −1.5 / −2.
			Progress{Elapsed: 0.5, Forecast: num(8.5), Progress: num(0.75), Status: StatusAtRisk}},
		{"discounted deals at risk", "discounted-deals", num(25), 20, num(11), "2027-02-14",
			// a cap: F = 22 ≤ 1.1 × 20; used 11 / 20, no progress.
			Progress{Elapsed: 0.5, Forecast: num(22), Used: num(0.55), Status: StatusAtRisk}},

		// CAC is a ratio; spend a cap, company-wide.
		{"cac on track", "cac", num(1200), 1000, num(900), "2027-02-14",
			// a ratio: F = A; (900 − 1200) / (1000 − 1200) = −300 / −200.
			Progress{Elapsed: 0.5, Forecast: num(900), Progress: num(1.5), Status: StatusOnTrack}},
		{"spend heading over its cap", "spend", nil, 100000, num(60000), "2027-02-14",
			// F = 120 000, 20 000 over > 10 000: behind, not yet missed; used 0.6.
			Progress{Elapsed: 0.5, Forecast: num(120000), Used: num(0.6), Status: StatusBehind}},
		{"spend already over its cap", "spend", nil, 100000, num(100001), "2027-02-14",
			// A > T while running: missed. 100 001 × 2 = 200 002; used 100 001 / 100 000.
			Progress{Elapsed: 0.5, Forecast: num(200002), Used: num(1.00001), Status: StatusMissed}},

		// Churn: a cap.
		{"churn rate on track", "churn-rate", nil, 5, num(2), "2027-02-14",
			// F = 2 / 0.5 = 4 ≤ 5; used 2 / 5.
			Progress{Elapsed: 0.5, Forecast: num(4), Used: num(0.4), Status: StatusOnTrack}},
		{"churn rate behind early", "churn-rate", nil, 5, num(2.5), "2027-01-30",
			// F = 2.5 × 90 / 30 = 7.5, 2.5 over > 0.5; used 2.5 / 5.
			Progress{Elapsed: 1.0 / 3, Forecast: num(7.5), Used: num(0.5), Status: StatusBehind}},
		{"churn rate already over", "churn-rate", nil, 5, num(6), "2027-02-14",
			// F = 12; used 6 / 5.
			Progress{Elapsed: 0.5, Forecast: num(12), Used: num(1.2), Status: StatusMissed}},
		{"churn rate run rate past 100", "churn-rate", nil, 80, num(60), "2027-02-14",
			// F = 60 / 0.5 = 120, not clamped; 40 over > 8; used 60 / 80.
			Progress{Elapsed: 0.5, Forecast: num(120), Used: num(0.75), Status: StatusBehind}},
		{"churn rate far off pace near a high cap", "churn-rate", nil, 95, num(25), "2027-01-05",
			// F = 25 × 90 / 5 = 450; 355 over > 9.5: behind (clamped to 100
			// it would have read at-risk); used 25 / 95.
			Progress{Elapsed: 5.0 / 90, Forecast: num(450), Used: num(25.0 / 95), Status: StatusBehind}},
		{"churned customers exactly on track", "churned-customers", nil, 10, num(5), "2027-02-14",
			// F = 10 ≤ 10.
			Progress{Elapsed: 0.5, Forecast: num(10), Used: num(0.5), Status: StatusOnTrack}},
		{"churned customers over the cap", "churned-customers", nil, 10, num(11), "2027-02-14",
			Progress{Elapsed: 0.5, Forecast: num(22), Used: num(1.1), Status: StatusMissed}},
		{"zero churn goal holding", "churned-customers", nil, 0, num(0), "2027-02-14",
			// A cap of 0 has no share to use.
			Progress{Elapsed: 0.5, Forecast: num(0), Status: StatusOnTrack}},
		{"zero churn goal broken", "churned-customers", nil, 0, num(1), "2027-02-14",
			Progress{Elapsed: 0.5, Forecast: num(2), Status: StatusMissed}},
		{"churn ended within its cap", "churn-rate", nil, 5, num(4), "2027-04-10",
			Progress{Elapsed: 1, Forecast: num(4), Used: num(0.8), Status: StatusAchieved}},

		// Retention: the loss 100 − A is a cap of 100 − T, projected by run rate.
		{"retention on track", "retention-rate", num(90), 92, num(96), "2027-02-14",
			// F = 100 − (100 − 96) / 0.5 = 92: a loss of 8 of the 8 allowed; used 4 / 8.
			Progress{Elapsed: 0.5, Forecast: num(92), Used: num(0.5), Status: StatusOnTrack}},
		{"retention at risk", "retention-rate", num(90), 92, num(95.75), "2027-02-14",
			// F = 100 − 4.25 / 0.5 = 91.5: a loss of 8.5 ≤ 1.1 × 8; used 4.25 / 8.
			Progress{Elapsed: 0.5, Forecast: num(91.5), Used: num(0.53125), Status: StatusAtRisk}},
		{"retention behind", "retention-rate", num(90), 92, num(94), "2027-01-30",
			// F = 100 − 6 × 3 = 82: a loss of 18 > 8.8; used 6 / 8.
			Progress{Elapsed: 1.0 / 3, Forecast: num(82), Used: num(0.75), Status: StatusBehind}},
		{"retention below target is missed", "retention-rate", num(90), 92, num(80), "2027-03-13",
			// A < T: lost customers do not come back. F = 100 − 20 / 0.8 = 75; used 20 / 8.
			Progress{Elapsed: 0.8, Forecast: num(75), Used: num(2.5), Status: StatusMissed}},
		{"retention run rate below 0", "retention-rate", num(90), 92, num(60), "2027-01-30",
			// 100 − 40 × 3 = −20, not clamped; used 40 / 8.
			Progress{Elapsed: 1.0 / 3, Forecast: num(-20), Used: num(5), Status: StatusMissed}},
		{"retention ended", "retention-rate", num(90), 92, num(93), "2027-04-10",
			// f = 1: F = A; used 7 / 8.
			Progress{Elapsed: 1, Forecast: num(93), Used: num(0.875), Status: StatusAchieved}},
		{"retention target of 100", "retention-rate", nil, 100, num(100), "2027-02-14",
			// nothing may be lost: no share to use.
			Progress{Elapsed: 0.5, Forecast: num(100), Status: StatusOnTrack}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asOf := mustDate(t, tt.asOf)
			got := Track(Tracking{
				Metric:   mustMetric(t, tt.metric),
				Period:   q1,
				AsOf:     asOf,
				Baseline: tt.baseline,
				Target:   tt.target,
				Actual:   tt.actual,
			})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Track mismatch (-want +got):\n%s", diff)
			}
			if got, want := got.Elapsed, q1.Elapsed(asOf); got != want {
				t.Errorf("Elapsed = %v, want Period.Elapsed = %v", got, want)
			}
		})
	}
}

func TestTrackCustomRange(t *testing.T) {
	// 2027-01-10..2027-02-20 has 42 days; as of 2027-01-30, 21 have passed
	// (10 to 30 January), so f = 1/2 and a revenue of 30 000 heads for
	// 60 000 against a target of 50 000.
	p := parse(t, "2027-01-10..2027-02-20", "2027-01-30", time.January)
	got := Track(Tracking{
		Metric: mustMetric(t, "revenue"),
		Period: p,
		AsOf:   mustDate(t, "2027-01-30"),
		Target: 50000,
		Actual: num(30000),
	})
	// X = 50 000 × 21/42; 21 days left: 20 000 × 7 / 21 a week.
	want := Progress{Elapsed: 0.5, Forecast: num(60000), Progress: num(0.6), Expected: num(25000), NeededPerWeek: num(140000.0 / 21), Status: StatusOnTrack}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Track mismatch (-want +got):\n%s", diff)
	}
}

func TestKind(t *testing.T) {
	want := map[string]Kind{
		"revenue": KindQuota, "new-deals": KindQuota, "pipeline-value": KindQuota, "new-customers": KindQuota,
		"expansion-revenue": KindQuota, "expansion-deals": KindQuota, "reactivated-customers": KindQuota,
		"spend": KindCap, "discounted-deals": KindCap, "churned-customers": KindCap, "churn-rate": KindCap,
		"win-rate": KindRatio, "gross-margin": KindRatio, "avg-discount": KindRatio, "cac": KindRatio,
		"avg-cycle-days": KindRatio, "median-cycle-days": KindRatio, "avg-deal-size": KindRatio,
		"retention-rate": KindRetention,
	}
	for _, m := range Metrics() {
		if got := m.Kind(); got != want[m.ID] {
			t.Errorf("%s: Kind() = %q, want %q", m.ID, got, want[m.ID])
		}
	}
}

func TestStatuses(t *testing.T) {
	want := []Status{"on-track", "at-risk", "behind", "achieved", "missed", "no-data", "not-started"}
	if diff := cmp.Diff(want, Statuses()); diff != "" {
		t.Errorf("Statuses() mismatch (-want +got):\n%s", diff)
	}
	if got, want := StatusAtRisk.String(), "at-risk"; got != want {
		t.Errorf("StatusAtRisk.String() = %q, want %q", got, want)
	}
}

// TestTrackRetentionWithReactivations: where the data holds customers who
// came back, a retention rate below its target can still grow back while
// the period runs (docs/goals.md): behind, not missed; missed once ended.
// 2027-Q1, as of 2027-03-13 (f = 0.8) and 2027-04-10 (ended); target 92.
func TestTrackRetentionWithReactivations(t *testing.T) {
	q1 := parse(t, "2027-Q1", "2027-02-15", time.January)
	for _, tt := range []struct {
		asOf string
		want Progress
	}{
		// F = 100 − 20 / 0.8 = 75; used 20 / 8.
		{"2027-03-13", Progress{Elapsed: 0.8, Forecast: num(75), Used: num(2.5), Status: StatusBehind}},
		{"2027-04-10", Progress{Elapsed: 1, Forecast: num(80), Used: num(2.5), Status: StatusMissed}},
	} {
		got := Track(Tracking{Metric: mustMetric(t, "retention-rate"), Period: q1, AsOf: mustDate(t, tt.asOf),
			Baseline: num(90), Target: 92, Actual: num(80), Reactivations: true})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("as of %s: Track mismatch (-want +got):\n%s", tt.asOf, diff)
		}
	}
}
