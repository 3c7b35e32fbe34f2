package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

var goalAsOf = metric.Date(2027, time.January, 15)

// newGoal builds a valid goal for the given metric, scope and period.
func newGoal(tb testing.TB, name, metricID, spec string, scope metric.Scope, period string) goal.Goal {
	tb.Helper()
	p, err := metric.ParsePeriod(period, goalAsOf, time.January)
	if err != nil {
		tb.Fatal(err)
	}
	m, _ := metric.Lookup(metricID)
	tg, err := goal.ParseTarget(spec)
	if err != nil {
		tb.Fatal(err)
	}
	b := 100.0
	g := goal.Goal{
		Name: name, Category: m.Category, Metric: m.ID, Scope: scope, Period: p, Target: tg,
		Baseline: goal.Baseline{Spec: goal.BaselinePrevious, Period: p.Previous(), Value: &b, Through: p.Previous().End},
		Note:     "from the kick-off",
	}
	g.Resolve()
	return g
}

// passing is an assessment with a verdict on every criterion.
func passing() goal.Assessment {
	a := goal.Assessment{AsOf: goalAsOf}
	for _, c := range goal.Criteria() {
		a.Checks = append(a.Checks, goal.Check{Criterion: c, Verdict: goal.Pass, Reasons: []string{string(c) + " ok"}})
	}
	return a
}

// mustCreate saves g and returns it with its id.
func mustCreate(tb testing.TB, db *DB, g goal.Goal) goal.Goal {
	tb.Helper()
	if err := db.CreateGoal(context.Background(), &g, passing(), goalAsOf); err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestGoalRoundTrip(t *testing.T) { forEngines(t, testGoalRoundTrip) }

func testGoalRoundTrip(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	company := metric.Scope{Level: metric.Company}
	year := mustCreate(t, db, newGoal(t, "Revenue 2027", "revenue", "+9%", company, "2027"))
	q1 := newGoal(t, "Win more in Q1", "win-rate", "+5pp", metric.Scope{Level: metric.Owner, Value: "Ana"}, "2027-Q1")
	q1.ParentID = year.ID
	q1.Forced = true
	q1.Baseline.Value = nil
	q1.Resolve()
	q1 = mustCreate(t, db, q1)

	// A provisional baseline keeps the day it was measured through.
	march := newGoal(t, "March", "revenue", "+9%", company, "2027-03")
	march.Baseline.Through = metric.Date(2027, time.February, 10)
	march = mustCreate(t, db, march)

	for _, want := range []goal.Goal{q1, march} {
		got, err := db.Goal(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		want.CreatedAt = goalAsOf
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Goal(%d) mismatch (-want +got):\n%s", want.ID, diff)
		}
	}
	got, err := db.Goal(ctx, q1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := db.Goal(ctx, march.ID); !p.Baseline.Provisional() || got.Baseline.Provisional() {
		t.Errorf("Provisional() = %v for a baseline measured through %s, %v for one through its end; want true, false",
			p.Baseline.Provisional(), metric.FormatDate(p.Baseline.Through), got.Baseline.Provisional())
	}
	if got.TargetValue != nil {
		t.Errorf("TargetValue = %v, want nil for a relative target without baseline", *got.TargetValue)
	}

	as, err := db.Assessments(ctx, q1.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []StoredAssessment{{Assessment: passing(), At: goalAsOf}}
	if diff := cmp.Diff(want, as); diff != "" {
		t.Errorf("Assessments mismatch (-want +got):\n%s", diff)
	}
}

func TestGoalsFilter(t *testing.T) { forEngines(t, testGoalsFilter) }

func testGoalsFilter(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	company := metric.Scope{Level: metric.Company}
	ana := metric.Scope{Level: metric.Owner, Value: "Ana"}
	emea := metric.Scope{Level: metric.Team, Value: "EMEA"}
	year := mustCreate(t, db, newGoal(t, "year", "revenue", "+9%", company, "2027"))
	q1 := mustCreate(t, db, newGoal(t, "q1 ana", "win-rate", "+5pp", ana, "2027-Q1"))
	q2 := mustCreate(t, db, newGoal(t, "q2 emea", "revenue", "120000", emea, "2027-Q2"))
	mar := mustCreate(t, db, newGoal(t, "march", "churn-rate", "-1pp", company, "2027-03"))

	p := func(spec string) *metric.Period {
		pp, err := metric.ParsePeriod(spec, goalAsOf, time.January)
		if err != nil {
			t.Fatal(err)
		}
		return &pp
	}
	tests := []struct {
		name   string
		filter GoalFilter
		want   []int64
	}{
		{"all", GoalFilter{}, []int64{year.ID, q1.ID, mar.ID, q2.ID}},
		{"period overlaps", GoalFilter{Period: p("2027-Q1")}, []int64{year.ID, q1.ID, mar.ID}},
		{"month inside a quarter", GoalFilter{Period: p("2027-05")}, []int64{year.ID, q2.ID}},
		{"no goal in that period", GoalFilter{Period: p("2026")}, []int64{}},
		{"category", GoalFilter{Category: "revenue"}, []int64{year.ID, q2.ID}},
		{"owner", GoalFilter{Owner: "Ana"}, []int64{q1.ID}},
		{"team", GoalFilter{Team: "EMEA"}, []int64{q2.ID}},
		{"owner is not a team", GoalFilter{Team: "Ana"}, []int64{}},
		{"ids", GoalFilter{IDs: []int64{q2.ID, year.ID}}, []int64{year.ID, q2.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs, err := db.Goals(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			got := []int64{}
			for _, g := range gs {
				got = append(got, g.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Goals mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGoalUpdateAndDelete(t *testing.T) { forEngines(t, testGoalUpdateAndDelete) }

func testGoalUpdateAndDelete(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	company := metric.Scope{Level: metric.Company}
	year := mustCreate(t, db, newGoal(t, "year", "revenue", "+9%", company, "2027"))
	q1 := newGoal(t, "q1", "revenue", "+2%", company, "2027-Q1")
	q1.ParentID = year.ID
	q1 = mustCreate(t, db, q1)

	// An edit replaces the goal and adds an assessment.
	q1.Name, q1.Note = "q1 revenue", ""
	q1.Target, _ = goal.ParseTarget("+4%")
	q1.Resolve()
	if err := db.UpdateGoal(ctx, q1, passing(), goalAsOf.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := db.Goal(ctx, q1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "q1 revenue" || got.Target.Spec != "+4%" || *got.TargetValue != 104 || got.Note != "" {
		t.Errorf("after update: name %q, target %q = %v, note %q", got.Name, got.Target.Spec, *got.TargetValue, got.Note)
	}
	if as, _ := db.Assessments(ctx, q1.ID); len(as) != 2 {
		t.Errorf("after update: %d assessments, want 2", len(as))
	}

	// A goal cannot be made to serve itself through its parent.
	year.ParentID = q1.ID
	if err := db.UpdateGoal(ctx, year, passing(), goalAsOf); !errors.Is(err, goal.ErrInvalid) {
		t.Errorf("UpdateGoal making a cycle = %v, want goal.ErrInvalid", err)
	}

	// A parent with children is refused, naming them; then it goes.
	err = db.DeleteGoal(ctx, year.ID)
	if !errors.Is(err, ErrGoalHasChildren) || !strings.Contains(err.Error(), "#2") {
		t.Errorf("DeleteGoal(parent) = %v, want ErrGoalHasChildren naming #2", err)
	}
	if err := db.DeleteGoal(ctx, q1.ID); err != nil {
		t.Fatal(err)
	}
	if as, _ := db.Assessments(ctx, q1.ID); len(as) != 0 {
		t.Errorf("assessments of a removed goal remain: %d", len(as))
	}
	if err := db.DeleteGoal(ctx, year.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{year.ID, 99} {
		if _, err := db.Goal(ctx, id); !errors.Is(err, ErrGoalNotFound) {
			t.Errorf("Goal(%d) = %v, want ErrGoalNotFound", id, err)
		}
		if err := db.DeleteGoal(ctx, id); !errors.Is(err, ErrGoalNotFound) {
			t.Errorf("DeleteGoal(%d) = %v, want ErrGoalNotFound", id, err)
		}
	}
}

func TestCreateGoalRefuses(t *testing.T) { forEngines(t, testCreateGoalRefuses) }

func testCreateGoalRefuses(t *testing.T, open opener) {
	company := metric.Scope{Level: metric.Company}
	tests := []struct {
		name   string
		change func(*goal.Goal)
		want   error
	}{
		{"invalid goal", func(g *goal.Goal) { g.Name = "" }, goal.ErrInvalid},
		{"pp on revenue", func(g *goal.Goal) { g.Target, _ = goal.ParseTarget("+5pp") }, goal.ErrInvalid},
		{"missing parent", func(g *goal.Goal) { g.ParentID = 42 }, ErrGoalNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)
			g := newGoal(t, "g", "revenue", "+9%", company, "2027-Q1")
			tt.change(&g)
			if err := db.CreateGoal(context.Background(), &g, passing(), goalAsOf); !errors.Is(err, tt.want) {
				t.Errorf("CreateGoal = %v, want %v", err, tt.want)
			}
			gs, err := db.Goals(context.Background(), GoalFilter{})
			if err != nil || len(gs) != 0 {
				t.Errorf("after a refused goal: %d goals (%v), want none", len(gs), err)
			}
		})
	}
}

func TestGoalEvidenceQueries(t *testing.T) { forEngines(t, testGoalEvidenceQueries) }

func testGoalEvidenceQueries(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	for _, q := range []string{
		`INSERT INTO deals (id, customer_id, owner, team, stage, amount, cost, currency, created_at, closed_at) VALUES
			('d1', 'c1', 'Ana', 'EMEA', 'won', 1000, 400, 'USD', '2026-10-01', '2026-11-01'),
			('d2', 'c2', 'Ben', 'EMEA', 'lost', 500, NULL, 'USD', '2026-10-02', '2026-11-02'),
			('d3', '', 'Ana', 'EMEA', 'open', 700, NULL, 'USD', NULL, NULL)`,
		`INSERT INTO customers (id, owner, team, acquired_at, churned_at) VALUES
			('c1', 'Cy', 'APAC', '2026-11-01', NULL),
			('c2', '', '', NULL, NULL)`,
		`INSERT INTO spend (date, channel, amount, currency) VALUES
			('2026-10-05', 'ads', 100, 'USD'), ('2026-12-20', 'ads', 200, 'EUR'), ('2026-11-01', 'events', 300, 'USD')`,
		`INSERT INTO carried (kind, field) VALUES ('deals', 'id'), ('deals', 'cost'), ('customers', 'churned_at')`,
	} {
		if _, err := db.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// Rows written without an import: the rollups are built from them.
	if _, err := db.RebuildRollups(ctx); err != nil {
		t.Fatal(err)
	}
	in, err := db.Inputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// d1 and d2 have created dates; d1 was won, d2 lost; c1 has an
	// acquisition date. The record lists what the (imagined) files carried.
	// The spend runs from its first row (2026-10-05) to its last
	// (2026-12-20, in another currency: the days count, whatever the
	// currency).
	want := metric.Inputs{
		Carried:    map[string][]string{"customers": {"churned_at"}, "deals": {"cost", "id"}},
		DatedDeals: true, WonDeals: true, LostDeals: true, AcquiredCustomers: true,
		SpendFrom: metric.Date(2026, 10, 5), SpendTo: metric.Date(2026, 12, 20),
	}
	if diff := cmp.Diff(want, in, cmp.AllowUnexported(metric.Inputs{})); diff != "" {
		t.Errorf("Inputs mismatch (-want +got):\n%s", diff)
	}
	tests := []struct {
		scope metric.Scope
		want  bool
	}{
		{metric.Scope{Level: metric.Company}, true},
		{metric.Scope{Level: metric.Owner, Value: "Ana"}, true},
		{metric.Scope{Level: metric.Owner, Value: "Cy"}, true}, // owns a customer only
		{metric.Scope{Level: metric.Owner, Value: "ana"}, false},
		{metric.Scope{Level: metric.Owner, Value: "EMEA"}, false},
		{metric.Scope{Level: metric.Team, Value: "EMEA"}, true},
		{metric.Scope{Level: metric.Team, Value: "APAC"}, true},
		{metric.Scope{Level: metric.Team, Value: "Mars"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.scope.String(), func(t *testing.T) {
			got, err := db.ScopeExists(ctx, tt.scope)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ScopeExists(%v) = %v, want %v", tt.scope, got, tt.want)
			}
		})
	}
}
