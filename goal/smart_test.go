package goal

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

// asOf is "today" in these tests: two weeks into 2027-Q1.
var asOf = metric.Date(2027, time.January, 15)

func period(tb testing.TB, spec string) metric.Period {
	tb.Helper()
	p, err := metric.ParsePeriod(spec, asOf, time.January)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func num(v float64) *float64 { return &v }

// history builds the observations of the len(values) periods before p,
// oldest first; a nil value is a period where the metric was null.
func history(p metric.Period, values ...*float64) []Observation {
	ps := p.History(len(values))
	out := make([]Observation, len(ps))
	for i, hp := range ps {
		out[i] = Observation{Period: hp, Value: values[i], Basis: 40, BasisNoun: "deals won", Complete: hp.Ended(asOf), HasData: values[i] != nil}
	}
	return out
}

// revenueGoal is a SMART goal: +9% revenue in 2027-Q1 over 2026-Q4's
// 100,000, with eight quarters of history in which +21% was the best
// quarter-on-quarter change.
func revenueGoal(tb testing.TB) (Goal, Evidence) {
	tb.Helper()
	q1 := period(tb, "2027-Q1")
	tg, err := ParseTarget("+9%")
	if err != nil {
		tb.Fatal(err)
	}
	g := Goal{
		Name: "Grow revenue", Category: "revenue", Metric: "revenue",
		Scope: metric.Scope{Level: metric.Company}, Period: q1, Target: tg,
		Baseline: Baseline{Spec: BaselinePrevious, Period: q1.Previous(), Value: num(100000)},
	}
	hist := history(q1,
		num(140000), num(120000), num(110000), num(100000), // 2025
		num(121000), num(110000), num(95000), num(100000)) // 2026: +21% in Q1
	ev := Evidence{
		Baseline:    hist[len(hist)-1],
		History:     hist,
		Inputs:      everything(),
		ScopeExists: true,
	}
	return g, ev
}

// everything is data whose imports carried every field: every metric is
// measurable.
func everything() metric.Inputs {
	return metric.Inputs{
		Carried: map[string][]string{
			metric.KindDeals:     {"id", "stage", "amount", "cost", "discount", "created_at", "closed_at"},
			metric.KindCustomers: {"id", "acquired_at", "churned_at"},
			metric.KindSpend:     {"date", "channel", "amount"},
		},
		DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true,
	}
}

// without drops a field from what the imports of a kind carried.
func without(kind, field string) func(*Goal, *Evidence) {
	return func(_ *Goal, ev *Evidence) {
		var keep []string
		for _, f := range ev.Inputs.Carried[kind] {
			if f != field {
				keep = append(keep, f)
			}
		}
		ev.Inputs.Carried[kind] = keep
	}
}

func TestAssessRevenueGoalPasses(t *testing.T) {
	g, ev := revenueGoal(t)
	a := Assess(g, ev, asOf)
	want := []Check{
		{Specific, Pass, []string{"revenue (total amount of the deals won in the period) for the company over 2027-Q1"}},
		{Measurable, Pass, []string{"baseline 100,000 over 2026-Q4"}},
		{Attainable, Pass, []string{
			"needs +9% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
			"this target would have been met in 5 of the last 8 quarters",
		}},
		{Relevant, Pass, []string{"raises revenue (100,000 → 109,000), the better direction"}},
		{TimeBound, Pass, []string{"runs 2027-Q1 (2027-01-01..2027-03-31): 75 of its 90 days left"}},
	}
	if diff := cmp.Diff(want, a.Checks); diff != "" {
		t.Errorf("Assess mismatch (-want +got):\n%s", diff)
	}
	if a.Verdict() != Pass || a.Failed() {
		t.Errorf("Verdict() = %s, Failed() = %v; want pass, false", a.Verdict(), a.Failed())
	}
}

func TestAssessStretch(t *testing.T) {
	g, ev := revenueGoal(t)
	g.Target, _ = ParseTarget("+38%")
	got := Assess(g, ev, asOf).Check(Attainable)
	want := Check{Attainable, Warn, []string{
		"stretch: needs +38% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +21% (2026-Q1)",
		"this target would have been met in 1 of the last 8 quarters",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Attainable mismatch (-want +got):\n%s", diff)
	}
}

// TestAssess covers the pass, warn and fail paths of every criterion. Each
// case starts from revenueGoal, changes what it names, and checks one
// criterion's verdict and that one of its reasons says what it should.
func TestAssess(t *testing.T) {
	target := func(spec string) func(*Goal, *Evidence) {
		return func(g *Goal, _ *Evidence) {
			tg, err := ParseTarget(spec)
			if err != nil {
				t.Fatal(err)
			}
			g.Target = tg
		}
	}
	on := func(id string, baseline *float64, values ...*float64) func(*Goal, *Evidence) {
		return func(g *Goal, ev *Evidence) {
			m, _ := metric.Lookup(id)
			g.Category, g.Metric = m.Category, m.ID
			g.Baseline.Value = baseline
			if len(values) > 0 {
				ev.History = history(g.Period, values...)
				ev.Baseline = ev.History[len(ev.History)-1]
			}
		}
	}
	all := func(fs ...func(*Goal, *Evidence)) func(*Goal, *Evidence) {
		return func(g *Goal, ev *Evidence) {
			for _, f := range fs {
				f(g, ev)
			}
		}
	}
	owner := func(name string, exists bool) func(*Goal, *Evidence) {
		return func(g *Goal, ev *Evidence) {
			g.Scope = metric.Scope{Level: metric.Owner, Value: name}
			ev.ScopeExists = exists
		}
	}
	periodOf := func(spec string) func(*Goal, *Evidence) {
		return func(g *Goal, ev *Evidence) {
			g.Period = period(t, spec)
			g.Baseline.Period = g.Period.Previous()
		}
	}
	parent := func(p *Goal, id int64) func(*Goal, *Evidence) {
		return func(g *Goal, ev *Evidence) {
			g.ParentID = id
			ev.Parent = p
		}
	}
	yearGoal := &Goal{ID: 3, Name: "Revenue 2027", Metric: "revenue", Period: period(t, "2027")}
	quarterGoal := &Goal{ID: 4, Name: "Revenue Q4", Metric: "revenue", Period: period(t, "2026-Q4")}

	tests := []struct {
		name      string
		change    func(*Goal, *Evidence)
		criterion Criterion
		verdict   Verdict
		reason    string // a substring of one of the reasons
	}{
		// Specific.
		{"known metric for the company", nil, Specific, Pass, "revenue (total amount"},
		{"owner in the data", owner("Ana", true), Specific, Pass, "for owner Ana over 2027-Q1"},
		// +30% on a retention of 70%: 91%, or 70% + 30 points?
		{"percent of a rate", all(on("retention-rate", num(70)), target("+30%")), Specific, Warn,
			"+30% of 70% = 91%; for 70% + 30 points write +30pp"},
		{"percent of a falling rate", all(on("churn-rate", num(10)), target("-20%")), Specific, Warn,
			"-20% of 10% = 8%; for 10% − 20 points write -20pp"},
		{"percent of a rate without baseline", all(on("win-rate", nil), target("+10%")), Specific, Warn,
			"+10% changes win-rate by 10% of its baseline, not by 10 points: for points write +10pp"},
		{"points on a rate", all(on("retention-rate", num(70)), target("+5pp")), Specific, Pass, "retention-rate"},
		{"unknown category", func(g *Goal, _ *Evidence) { g.Category = "happiness" }, Specific, Fail,
			`"happiness" is not a goal category: choose one of cycle-time, prospects,`},
		{"a metric as the category", func(g *Goal, _ *Evidence) { g.Category = "new-deals" }, Specific, Fail,
			"new-deals is a metric, not a category: write --category prospects --metric new-deals"},
		{"unknown metric", func(g *Goal, _ *Evidence) { g.Metric = "bookings" }, Specific, Fail,
			`"bookings" is not a metric: category revenue measures revenue or avg-deal-size`},
		{"metric of another category", func(g *Goal, _ *Evidence) { g.Metric = "win-rate" }, Specific, Fail,
			"win-rate belongs to category win-rate: category revenue measures"},
		{"owner never in the data", owner("Zed", false), Specific, Fail,
			`owner "Zed" appears in no deal or customer`},
		{"team never in the data", func(g *Goal, ev *Evidence) {
			g.Scope = metric.Scope{Level: metric.Team, Value: "Mars"}
			ev.ScopeExists = false
		},
			Specific, Fail, `team "Mars" appears in no deal or customer`},
		{"cac for an owner", all(on("cac", num(500)), owner("Ana", true), target("-15%")), Specific, Fail,
			"cac is company-wide only (spend has no owner), so it cannot be set for owner Ana: drop --owner"},
		{"spend for a team", all(on("spend", num(5000)), func(g *Goal, ev *Evidence) {
			g.Scope = metric.Scope{Level: metric.Team, Value: "EMEA"}
			ev.ScopeExists = true
		}, target("-15%")),
			Specific, Fail, "spend is company-wide only"},

		// Measurable.
		{"baseline with enough deals", nil, Measurable, Pass, "baseline 100,000 over 2026-Q4"},
		{"absolute target without baseline", all(on("revenue", nil), target("120000")), Measurable, Pass,
			"no baseline: revenue has no value over 2026-Q4, so the target stands on its own"},
		{"relative target with null baseline", all(on("win-rate", nil), target("+5pp")), Measurable, Fail,
			"+5pp is relative to the baseline, but win-rate has no value over 2026-Q4"},
		{"percent of a zero baseline", all(on("revenue", num(0)), target("+10%")), Measurable, Fail,
			"+10% of a baseline of 0 is 0, met by doing nothing: give an absolute target"},
		{"pp on revenue", target("+5pp"), Measurable, Fail,
			"+5pp is in percentage points, which only a rate (win-rate, gross-margin, retention-rate, churn-rate, avg-discount) can move; revenue is money: write a change such as +5% or a value"},
		{"gross margin without costs", all(on("gross-margin", num(40)), target("+2pp"), without(metric.KindDeals, "cost")),
			Measurable, Fail, "no deals file carried costs: import deals with a cost column"},
		{"revenue without amounts", without(metric.KindDeals, "amount"),
			Measurable, Fail, "no deals file carried amounts: import deals with an amount column"},
		{"cac without spend", all(on("cac", num(500)), target("-15%"), func(_ *Goal, ev *Evidence) { delete(ev.Inputs.Carried, metric.KindSpend) }),
			Measurable, Fail, "no spend was imported: import a spend file"},
		{"churn without churn dates", all(on("churn-rate", num(4)), target("-1pp"), without(metric.KindCustomers, "churned_at")),
			Measurable, Fail, "no file carried churn dates: import customers with a churned_at column, churn events or subscriptions"},
		{"retention without churn dates", all(on("retention-rate", num(90)), target("+2pp"), without(metric.KindCustomers, "churned_at")),
			Measurable, Fail, "no file carried churn dates"},
		{"win rate with nothing ever lost", all(on("win-rate", nil), target("40"), func(_ *Goal, ev *Evidence) { ev.Inputs.LostDeals = false }),
			Measurable, Fail, "no deal was ever lost, so every win rate would read 100%"},
		{"baseline on few deals", func(_ *Goal, ev *Evidence) { ev.Baseline.Basis = 4 }, Measurable, Warn,
			"the baseline rests on only 4 deals won in 2026-Q4: with fewer than 10, a single one moves it a lot"},
		{"baseline period still running", periodOf("2027-Q2"), Measurable, Warn,
			"2027-Q1 is not over yet (as of 2027-01-15): the baseline, and the target resolved from it, counts only 15 of its 90 days and is provisional, measured again over the whole of 2027-Q1 once it ends"},
		{"absolute ratio target, baseline still running", all(on("win-rate", num(30)), target("35"), periodOf("2027-Q2")), Measurable, Pass,
			"baseline 30% over 2027-Q1"},

		// Attainable.
		{"within history", nil, Attainable, Pass, "met in 5 of the last 8 quarters"},
		{"stretch", target("+38%"), Attainable, Warn, "stretch: needs +38% over 2026-Q4"},
		{"win rate of 120", all(on("win-rate", num(30)), target("120")), Attainable, Fail,
			"win-rate of 120% is impossible: a rate lies between 0% and 100%"},
		{"rate pushed over 100 by a relative target", all(on("retention-rate", num(80)), target("+30%")), Attainable, Fail,
			"retention-rate of 104% is impossible"},
		{"negative count", all(on("new-deals", num(40)), target("-5")), Attainable, Fail,
			"new-deals of -5 is impossible: it cannot be negative"},
		{"cycle of zero days", all(on("avg-cycle-days", num(40)), target("0")), Attainable, Fail,
			"a cycle of 0 days is impossible"},
		{"churn below zero", all(on("churn-rate", num(2)), target("-3pp")), Attainable, Fail,
			"churn-rate of -1% is impossible"},
		{"rate in points within history", all(on("win-rate", num(30), num(25), num(28), num(31), num(27), num(30), num(33), num(29), num(30)), target("+3pp")),
			Attainable, Pass, "needs +3pp over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was +3pp (2026-Q2)"},
		{"lower is better", all(on("avg-cycle-days", num(40), num(50), num(45), num(46), num(40), num(44), num(41), num(42), num(40)), target("-10%")),
			Attainable, Pass, "needs -10% over 2026-Q4; the best quarter-on-quarter change in the last 8 quarters was -13% (2025-Q4)"},
		{"never improved", all(on("win-rate", num(20), num(30), num(28), num(26), num(24), num(22), num(21), num(20), num(20)), target("+5pp")),
			Attainable, Warn, "stretch: needs +5pp over 2026-Q4; win-rate did not improve quarter-on-quarter once in the last 8 quarters"},
		{"no history", all(on("revenue", num(100000), nil, nil, nil, nil, nil, nil, nil, num(100000)), target("+9%")),
			Attainable, Warn, "too little history to compare with"},
		{"relative target without baseline", all(on("revenue", nil), target("+9%")), Attainable, Warn,
			"cannot be judged: +9% has no baseline to start from"},
		{"absolute never met without baseline", all(on("revenue", nil, num(10), num(20), nil), target("500")), Attainable, Warn,
			"stretch: this target would have been met in none of the 2 quarters with data (none reached 500)"},
		// Two quarters of data out of eight: the text counts those two.
		{"history with two quarters of data", all(on("revenue", num(100000), nil, nil, nil, nil, nil, nil, num(90000), num(100000)), target("+9%")),
			Attainable, Pass, "needs +9% over 2026-Q4; the best quarter-on-quarter change in the 2 quarters with data was +11% (2026-Q4)"},
		{"met in one of two quarters with data", all(on("revenue", num(100000), nil, nil, nil, nil, nil, nil, num(90000), num(110000)), target("+5%")),
			Attainable, Pass, "this target would have been met in 1 of the 2 quarters with data"},
		// One quarter of data out of eight: 2026-Q4 made 100,000; +9% on the
		// baseline of 100,000 is 109,000, which that quarter did not reach;
		// +5% is 105,000, which its 110,000 did.
		{"not met in the only quarter with data", all(on("revenue", num(100000), nil, nil, nil, nil, nil, nil, nil, num(100000)), target("+9%")),
			Attainable, Warn, "this target would not have been met in the only quarter with data"},
		{"met in the only quarter with data", all(on("revenue", num(100000), nil, nil, nil, nil, nil, nil, nil, num(110000)), target("+5%")),
			Attainable, Warn, "this target would have been met in the only quarter with data"},
		// A change within the best one seen, yet a value no quarter reached:
		// the quarters made 50,000, 100,000 (+100%) and 90,000; +10% on the
		// baseline of 90,000 is 99,000, above 50,000 and 90,000 but under
		// 100,000, so met in 1; +20% is 108,000, reached by none.
		{"never reached though the change was seen", all(on("revenue", num(90000), nil, nil, nil, nil, nil, num(50000), num(100000), num(90000)), target("+20%")),
			Attainable, Pass, "this target would have been met in none of the 3 quarters with data (none reached 108,000)"},

		// Relevant.
		{"raises revenue", nil, Relevant, Pass, "raises revenue (100,000 → 109,000), the better direction"},
		{"lowers churn", all(on("churn-rate", num(6)), target("-3pp")), Relevant, Pass, "lowers churn-rate (6% → 3%), the better direction"},
		{"churn goal of +3pp", all(on("churn-rate", num(6)), target("+3pp")), Relevant, Fail,
			"the target would raise churn-rate (6% → 9%), but churn-rate is better lower: a goal should lower it"},
		{"longer cycle", all(on("avg-cycle-days", num(40)), target("45")), Relevant, Fail,
			"the target would raise avg-cycle-days (40 days → 45 days), but avg-cycle-days is better lower"},
		{"raise churn without baseline", all(on("churn-rate", nil), target("+3pp")), Relevant, Fail,
			"the target would raise churn-rate, but churn-rate is better lower"},
		{"revenue target below baseline", target("90000"), Relevant, Fail, "the target would lower revenue (100,000 → 90,000)"},
		{"target equals baseline", target("100000"), Relevant, Warn, "the target keeps revenue where it is"},
		{"parent covers the period", parent(yearGoal, 3), Relevant, Pass, `serves parent goal #3 "Revenue 2027" (revenue over 2027)`},
		{"parent does not exist", parent(nil, 9), Relevant, Fail, "parent goal #9 does not exist"},
		{"parent does not cover the period", parent(quarterGoal, 4), Relevant, Fail,
			`parent goal #4 "Revenue Q4" runs over 2026-Q4 (2026-10-01..2026-12-31), which does not cover 2027-Q1 (2027-01-01..2027-03-31)`},
		{"parent serves this goal", func(g *Goal, ev *Evidence) {
			g.ID = 5
			g.ParentID = 3
			ev.Parent = yearGoal
			ev.Ancestors = []Goal{{ID: 5}}
		}, Relevant, Fail, "a goal cannot serve itself"},

		// Time-bound.
		{"running quarter", nil, TimeBound, Pass, "75 of its 90 days left"},
		{"future quarter", periodOf("2027-Q2"), TimeBound, Pass, "runs 2027-Q2 (2027-04-01..2027-06-30), starting in 76 days"},
		{"ended last year", periodOf("2026-Q3"), TimeBound, Warn,
			"2026-Q3 ended on 2026-09-30, before today (2027-01-15): the goal can be checked but no longer worked towards"},
		{"two-year period", periodOf("2027-01-01..2028-12-31"), TimeBound, Warn,
			"2027-01-01..2028-12-31 runs 731 days, more than a year"},
		{"a year is fine", periodOf("2027"), TimeBound, Pass, "runs 2027"},
		{"no period", func(g *Goal, _ *Evidence) { g.Period = metric.Period{} }, TimeBound, Fail, "no period with a start and an end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ev := revenueGoal(t)
			if tt.change != nil {
				tt.change(&g, &ev)
			}
			got := Assess(g, ev, asOf).Check(tt.criterion)
			if got.Verdict != tt.verdict || !anyContains(got.Reasons, tt.reason) {
				t.Errorf("%s = %s %q\nwant %s with a reason saying %q", tt.criterion, got.Verdict, got.Reasons, tt.verdict, tt.reason)
			}
		})
	}
}

func anyContains(reasons []string, want string) bool {
	for _, r := range reasons {
		if strings.Contains(r, want) {
			return true
		}
	}
	return false
}

func TestAssessmentSummary(t *testing.T) {
	g, ev := revenueGoal(t)
	g.Target, _ = ParseTarget("+5pp")
	ev.ScopeExists = false
	g.Scope = metric.Scope{Level: metric.Owner, Value: "Zed"}
	a := Assess(g, ev, asOf)
	if got, want := a.Failures(), []Criterion{Specific, Measurable}; !cmp.Equal(got, want) {
		t.Errorf("Failures() = %v, want %v", got, want)
	}
	if !a.Failed() || a.Verdict() != Fail {
		t.Errorf("Failed() = %v, Verdict() = %s; want true, fail", a.Failed(), a.Verdict())
	}
	var ids []Criterion
	for _, c := range a.Checks {
		ids = append(ids, c.Criterion)
	}
	if diff := cmp.Diff(Criteria(), ids); diff != "" {
		t.Errorf("criteria out of SMART order (-want +got):\n%s", diff)
	}
}
