package cmd

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/importer"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// The report fixture: 2027-Q1 (90 days) as of 2027-02-14, day 45, so the
// elapsed share f is exactly 0.5 and a running total's forecast is twice
// its actual.
//
// Deals, with what each counts for in P = 2027-01-01..2027-02-14:
//
//	D1 won  2026-12-02 → 2027-01-11, 40 days, 10000, cost 4000, discount 10, new,    K1, Ana
//	D2 won  2027-01-05 → 2027-01-25, 20 days, 20000, cost 8000, discount 0,  upsell, K0, Ben
//	D3 won  2027-01-10 → 2027-02-09, 30 days, 30000, no cost,   discount 20, new,    K2, Ana
//	D4 lost 2027-01-02 → 2027-01-20, Ana
//	D5 lost 2027-01-15 → 2027-02-01, Ben
//	D6 open 2027-02-01, Ana
//	D7 won  2027-01-03 → 2027-02-20: closes after as-of, so it counts only as created
//
//	won 3 (D1 D2 D3), lost 2 → win-rate 60
//	avg-cycle-days (40 + 20 + 30) / 3 = 30
//	revenue 60000; Ana 40000 (D1 D3), Ben 20000 (D2); January 30000 (D1 D2)
//	discounted-deals 2 (D1 D3)
//	new-deals 6 (D2 D3 D4 D5 D6 D7; D1 was created in December)
//	expansion-revenue 20000 (D2, upsell)
//
// Customers: K0 acquired 2026-06-01, K7 2026-04-01, K8 2026-05-01, K9
// 2026-03-01 and churned 2027-01-31; K1 and K2 are acquired by their first
// won deal (D1 2027-01-11, D3 2027-02-09).
//
//	S (active 2026-12-31) = K0 K7 K8 K9 = 4; C = K9 = 1 → churn-rate 25
//	E (active 2027-02-14) = K0 K7 K8 K1 K2 = 5; N = K1 K2 = 2
//	retention-rate 100 × (5 − 2) / 4 = 75
//
// Spend: 3000 on 2027-01-15 and 3000 on 2027-02-10 → cac 6000 / 2 = 3000.
const (
	fixtureDeals = `id,name,customer_id,owner,team,stage,type,amount,cost,discount,created_at,closed_at
D1,Acme,K1,Ana,East,won,new,10000,4000,10,2026-12-02,2027-01-11
D2,Blue,K0,Ben,West,won,upsell,20000,8000,0,2027-01-05,2027-01-25
D3,Cedar,K2,Ana,East,won,new,30000,,20,2027-01-10,2027-02-09
D4,Delta,,Ana,East,lost,new,5000,,,2027-01-02,2027-01-20
D5,Ember,,Ben,West,lost,new,5000,,,2027-01-15,2027-02-01
D6,Fjord,,Ana,East,open,new,7000,,,2027-02-01,
D7,Granite,K0,Ben,West,won,renewal,9000,,,2027-01-03,2027-02-20
`
	fixtureCustomers = `id,name,owner,team,acquired_at,churned_at
K0,Blue,Ben,West,2026-06-01,
K7,Harbor,Ana,East,2026-04-01,
K8,Iris,Ben,West,2026-05-01,
K9,Juniper,Ana,East,2026-03-01,2027-01-31
`
	fixtureSpend = `date,amount,channel
2027-01-15,3000,Google Ads
2027-02-10,3000,Events
`
	fixtureAsOf = "2027-02-14"
)

// fixtureImportedAt is when the fixture's files were imported.
var fixtureImportedAt = time.Date(2027, 2, 14, 7, 30, 0, 0, time.UTC)

// fixtureGoal is a goal of the fixture: an absolute target, and a baseline
// given by hand where the status depends on it.
type fixtureGoal struct {
	name, metric, scope, period string
	target                      float64
	baseline                    *float64 // nil: null
	relative                    string   // a relative target spec instead of target ("-3pp")
}

func num(v float64) *float64 { return &v }

// mustFixture creates the fixture database with the given goals, saved in
// order (ids from 1), and returns its path.
func mustFixture(tb testing.TB, goals []fixtureGoal) string {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "fixture.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, f := range []struct{ name, data string }{
		{"customers.csv", fixtureCustomers}, {"deals.csv", fixtureDeals}, {"spend.csv", fixtureSpend},
	} {
		res, err := importer.Import(ctx, db, strings.NewReader(f.data), importer.Options{File: f.name, Now: fixtureImportedAt})
		if err != nil {
			tb.Fatalf("import %s: %v", f.name, err)
		}
		if res.ProblemCount > 0 {
			tb.Fatalf("import %s: %v", f.name, res.Problems)
		}
	}
	asOf, _ := metric.ParseDate(fixtureAsOf)
	for _, fg := range goals {
		g := fixtureToGoal(tb, fg, asOf)
		if err := db.CreateGoal(ctx, &g, passingAssessment(asOf), fixtureImportedAt); err != nil {
			tb.Fatalf("goal %q: %v", fg.name, err)
		}
	}
	return path
}

func fixtureToGoal(tb testing.TB, fg fixtureGoal, asOf time.Time) goal.Goal {
	tb.Helper()
	m, ok := metric.Lookup(fg.metric)
	if !ok {
		tb.Fatalf("goal %q: no metric %q", fg.name, fg.metric)
	}
	p, err := metric.ParsePeriod(fg.period, asOf, time.January)
	if err != nil {
		tb.Fatal(err)
	}
	spec := fg.relative
	if spec == "" {
		spec = strconv.FormatFloat(fg.target, 'f', -1, 64)
	}
	t, err := goal.ParseTarget(spec)
	if err != nil {
		tb.Fatal(err)
	}
	g := goal.Goal{
		Name: fg.name, Category: m.Category, Metric: m.ID, Period: p, Target: t,
		Scope:    metric.Scope{Level: metric.Company},
		Baseline: goal.Baseline{Spec: goal.BaselinePrevious, Period: p.Previous(), Value: fg.baseline},
	}
	if kind, value, ok := strings.Cut(fg.scope, " "); ok {
		g.Scope = metric.Scope{Level: metric.Level(kind), Value: value}
	}
	g.Resolve()
	return g
}

// passingAssessment is an assessment that passes every criterion: the
// report does not look at it.
func passingAssessment(asOf time.Time) goal.Assessment {
	a := goal.Assessment{AsOf: asOf}
	for _, c := range goal.Criteria() {
		a.Checks = append(a.Checks, goal.Check{Criterion: c, Verdict: goal.Pass, Reasons: []string{"fixture"}})
	}
	return a
}
