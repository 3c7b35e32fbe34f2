package goal

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAssessTiers: the commit and the stretch are resolved like the target
// against revenueGoal's baseline of 100,000 and backtested against its
// history (2025: 140k, 120k, 110k, 100k; 2026: 121k, 110k, 95k, 100k; the
// best change +21%, in 2026-Q1).
func TestAssessTiers(t *testing.T) {
	tests := []struct {
		name            string
		commit, stretch string
		want            Check
	}{
		// commit 105,000 is met by 140, 120, 110, 121 and 110 thousand (5);
		// stretch 115,000 by 140, 120 and 121 thousand (3).
		{"in order", "+5%", "+15%", Check{Attainable, Pass, []string{
			"needs +9% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
			"this target would have been met in 5 of the last 8 quarters",
			"commit 105,000: needs +5% over 2026-Q4; would have been met in 5 of the last 8 quarters",
			"stretch 115,000: needs +15% over 2026-Q4; would have been met in 3 of the last 8 quarters",
		}}},
		// A stretch beyond the best change is what a stretch is for.
		{"a stretch beyond history", "", "150000", Check{Attainable, Pass, []string{
			"needs +9% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
			"this target would have been met in 5 of the last 8 quarters",
			"stretch 150,000: needs +50% over 2026-Q4; would have been met in none of the last 8 quarters",
		}}},
		// A commit of +25% needs more than the best +21%: only 140k met it.
		{"a commit beyond history", "+25%", "", Check{Attainable, Fail, []string{
			"the commit 125,000 asks for more than the target 109,000: the commit is the floor below the target and the stretch the upside beyond it (revenue is better higher)",
			"needs +9% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
			"this target would have been met in 5 of the last 8 quarters",
		}}},
		{"a stretch below the target", "", "+5%", Check{Attainable, Fail, []string{
			"the stretch 105,000 asks for less than the target 109,000: the commit is the floor below the target and the stretch the upside beyond it (revenue is better higher)",
			"needs +9% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
			"this target would have been met in 5 of the last 8 quarters",
		}}},
		{"a commit that is impossible", "-120000", "", Check{Attainable, Fail, []string{
			"the commit: revenue of -120,000 is impossible: it cannot be negative",
			"needs +9% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
			"this target would have been met in 5 of the last 8 quarters",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ev := revenueGoal(t)
			g.Commit, g.Stretch = mustTarget(t, tt.commit), mustTarget(t, tt.stretch)
			if diff := cmp.Diff(tt.want, Assess(g, ev, asOf).Check(Attainable)); diff != "" {
				t.Errorf("Attainable (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAssessCommitBeyondHistory: a commit the history never saw reached
// is no floor; the goal can still be taken (a warning). Target +30% =
// 130,000 and commit +25% = 125,000: both beyond the best +21%.
func TestAssessCommitBeyondHistory(t *testing.T) {
	g, ev := revenueGoal(t)
	g.Target, g.Commit = mustTarget(t, "+30%"), mustTarget(t, "+25%")
	got := Assess(g, ev, asOf).Check(Attainable)
	want := Check{Attainable, Warn, []string{
		"stretch: needs +30% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
		"commit 125,000: needs +25% over 2026-Q4; would have been met in 1 of the last 8 quarters, beyond the best quarter-on-quarter change in the last 8 quarters (+21%, 2026-Q1): a commit should be a floor the team can count on",
		"this target would have been met in 1 of the last 8 quarters",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Attainable (-want +got):\n%s", diff)
	}
}

// TestTiersMeasurable: a tier in the wrong unit fails and cannot be saved;
// a relative tier needs a baseline like a relative target.
func TestTiersMeasurable(t *testing.T) {
	g, ev := revenueGoal(t)
	g.Commit = mustTarget(t, "+3pp")
	if got := Assess(g, ev, asOf).Check(Measurable); got.Verdict != Fail {
		t.Errorf("a commit in points on revenue: %s %q, want fail", got.Verdict, got.Reasons)
	}
	if err := g.Validate(); err == nil {
		t.Error("Validate accepted a commit in points on revenue")
	}
	g, ev = revenueGoal(t)
	g.Target, g.Stretch = mustTarget(t, "110000"), mustTarget(t, "+20%")
	g.Baseline.Value = nil
	got := Assess(g, ev, asOf).Check(Measurable)
	want := "+20% is relative to the baseline, but revenue has no value over 2026-Q4: give an absolute stretch, or --baseline with a period that has data"
	if got.Verdict != Fail || got.Reasons[0] != want {
		t.Errorf("Measurable = %s %q, want fail %q", got.Verdict, got.Reasons, want)
	}
}

func mustTarget(tb testing.TB, spec string) Target {
	tb.Helper()
	if spec == "" {
		return Target{}
	}
	tg, err := ParseTarget(spec)
	if err != nil {
		tb.Fatal(err)
	}
	return tg
}
