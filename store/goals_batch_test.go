package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// TestSaveGoals: a batch saves new goals that serve one another and chain,
// changes a saved one, keeps tiers and sheet rows, and retires goals; a
// batch that cannot be saved whole saves nothing.
func TestSaveGoals(t *testing.T) { forEngines(t, testSaveGoals) }

func testSaveGoals(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	company := metric.Scope{Level: metric.Company}
	ana := metric.Scope{Level: metric.Owner, Value: "Ana"}
	old := mustCreate(t, db, newGoal(t, "old", "revenue", "5000", ana, "2027-01"))
	kept := mustCreate(t, db, newGoal(t, "kept", "win-rate", "+5pp", company, "2027-Q1"))

	q1 := newGoal(t, "Q1", "revenue", "30000", company, "2027-Q1")
	q1.Commit, _ = goal.ParseTarget("25000")
	q1.Stretch, _ = goal.ParseTarget("+20%")
	q1.Resolve()
	q1.Sheet, q1.SheetRow = "q1", 1
	jan := newGoal(t, "Jan", "revenue", "+9%", company, "2027-01")
	jan.Sheet, jan.SheetRow = "q1", 2
	feb := newGoal(t, "Feb", "revenue", "+9%", company, "2027-02")
	feb.Baseline.Plan(jan)
	feb.Resolve()
	feb.Sheet, feb.SheetRow = "q1", 3
	kept.Note = "changed"
	a := passing()
	b := &GoalBatch{At: goalAsOf, Retire: []int64{old.ID}, Writes: []GoalWrite{
		{Goal: q1, Assessment: &a, Parent: -1, BaselineFrom: -1},
		{Goal: jan, Assessment: &a, Parent: 0, BaselineFrom: -1},
		{Goal: feb, Assessment: &a, Parent: 0, BaselineFrom: 1},
		{Goal: kept, Parent: -1, BaselineFrom: -1},
	}}
	if err := db.SaveGoals(ctx, b); err != nil {
		t.Fatal(err)
	}
	ids := []int64{b.Writes[0].Goal.ID, b.Writes[1].Goal.ID, b.Writes[2].Goal.ID}
	gs, err := db.Goals(ctx, GoalFilter{Sheet: "q1", SheetOrder: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range gs {
		got = append(got, g.Name)
	}
	if diff := cmp.Diff([]string{"Q1", "Jan", "Feb"}, got); diff != "" {
		t.Errorf("the sheet's goals (-want +got):\n%s", diff)
	}
	if g := gs[0]; *g.CommitValue != 25000 || *g.StretchValue != 120 || g.Commit.Spec != "25000" || g.Stretch.Spec != "+20%" {
		t.Errorf("tiers read back as %s = %v, %s = %v; want 25000 = 25000, +20%% = 120 (of the baseline 100)", g.Commit.Spec, *g.CommitValue, g.Stretch.Spec, *g.StretchValue)
	}
	if g := gs[2]; g.ParentID != ids[0] || g.Baseline.From != ids[1] || !g.Baseline.Planned() || *g.Baseline.Value != 109 {
		t.Errorf("Feb: parent #%d, baseline from #%d, planned %v, value %v; want #%d, #%d, true, 109",
			g.ParentID, g.Baseline.From, g.Baseline.Planned(), *g.Baseline.Value, ids[0], ids[1])
	}
	if _, err := db.Goal(ctx, old.ID); !errors.Is(err, ErrGoalNotFound) {
		t.Errorf("the retired goal: %v, want not found", err)
	}
	if as, _ := db.Assessments(ctx, kept.ID); len(as) != 1 {
		t.Errorf("a change without an assessment recorded one: %d assessments", len(as))
	}
	if k, _ := db.Goal(ctx, kept.ID); k.Note != "changed" {
		t.Errorf("the changed goal's note is %q", k.Note)
	}

	// Retiring January leaves February's baseline without its link; Q1
	// cannot go while January and February serve it.
	dump := func() string {
		var buf strings.Builder
		if err := Dump(ctx, db.Path(), &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	before := dump()
	bad := &GoalBatch{At: goalAsOf, Retire: []int64{ids[0]}, Writes: []GoalWrite{{Goal: newGoal(t, "new", "revenue", "1", company, "2027-04"), Parent: -1, BaselineFrom: -1}}}
	if err := db.SaveGoals(ctx, bad); !errors.Is(err, ErrGoalHasChildren) {
		t.Errorf("retiring a parent that others serve: %v, want ErrGoalHasChildren", err)
	}
	if dump() != before {
		t.Error("a refused batch changed the goals")
	}
	if err := db.SaveGoals(ctx, &GoalBatch{At: goalAsOf, Retire: []int64{ids[1]}}); err != nil {
		t.Fatal(err)
	}
	if g, _ := db.Goal(ctx, ids[2]); g.Baseline.From != 0 || !g.Baseline.Planned() {
		t.Errorf("Feb after January went: from #%d, planned %v; want #0, true", g.Baseline.From, g.Baseline.Planned())
	}
	// A parent and the goals that serve it go together.
	if err := db.SaveGoals(ctx, &GoalBatch{At: goalAsOf, Retire: []int64{ids[2], ids[0]}}); err != nil {
		t.Fatal(err)
	}
}

func TestScopeValues(t *testing.T) { forEngines(t, testScopeValues) }

func testScopeValues(t *testing.T, open opener) {
	ctx := context.Background()
	db := open(t)
	if _, err := db.db.ExecContext(ctx, `INSERT INTO deals (id, owner, team, stage, currency) VALUES
		('d1', 'Ben', 'East', 'won', 'USD'), ('d2', 'Ana', 'West', 'lost', 'USD'), ('d3', 'Ana', 'West', 'open', 'USD'),
		('d4', '', 'East', 'open', 'USD'), ('d5', 'Cleo', 'East', 'won', 'USD')`); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		level metric.Level
		team  string
		want  []string
	}{
		{metric.Owner, "", []string{"Ana", "Ben", "Cleo"}},
		{metric.Owner, "East", []string{"Ben", "Cleo"}},
		{metric.Team, "", []string{"East", "West"}},
	}
	for _, tt := range tests {
		got, err := db.ScopeValues(ctx, tt.level, tt.team)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s of %q (-want +got):\n%s", tt.level, tt.team, diff)
		}
	}
}
