package cmd

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/sheet"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestTierBar: ten cells up to the stretch, filled to the actual, a ┃
// where each tier falls. Commit 6,000, target 8,000, stretch 10,000: the
// marks fall in cells 6, 8 and 10; 4,000 fills 4 cells.
func TestTierBar(t *testing.T) {
	revenue, _ := metric.Lookup("revenue")
	tier := func(name string, v float64) measure.TierTrack {
		return measure.TierTrack{Tier: goal.Tier{Name: name, Value: &v}}
	}
	tiers := []measure.TierTrack{tier(goal.TierCommit, 6000), tier(goal.TierTarget, 8000), tier(goal.TierStretch, 10000)}
	tests := []struct {
		actual float64
		want   string
	}{
		{4000, "████░┃░┃░┃"},
		{9000, "█████┃█┃█┃"},
		{12000, "█████┃█┃█┃"},
	}
	for _, tt := range tests {
		tr := measure.Tracked{Metric: revenue, Actual: &tt.actual, Tiers: tiers}
		if got := tierBar(tr); got != tt.want {
			t.Errorf("tierBar(%v) = %q, want %q", tt.actual, got, tt.want)
		}
	}
	if got := indent(2); got != "  └ " {
		t.Errorf("indent(2) = %q", got)
	}
}

// TestSheetOf: a name salesgoal made up and the previous period are left
// empty; a parent is named, by its id when two goals share its name.
func TestSheetOf(t *testing.T) {
	p, _ := metric.ParsePeriod("2027-Q1", metric.Date(2027, 1, 1), 1)
	mk := func(id, parent int64, name, spec string, sc metric.Scope) goal.Goal {
		tg, _ := goal.ParseTarget(spec)
		g := goal.Goal{ID: id, ParentID: parent, Name: name, Category: "revenue", Metric: "revenue", Scope: sc, Period: p, Target: tg,
			Baseline: goal.Baseline{Spec: goal.BaselinePrevious}}
		if name == "" {
			g.Name = goal.DefaultName(g.Metric, sc, tg, p)
		}
		return g
	}
	company := metric.Scope{Level: metric.Company}
	ana := metric.Scope{Level: metric.Owner, Value: "Ana"}
	east := metric.Scope{Level: metric.Team, Value: "East"}
	all := []goal.Goal{mk(1, 0, "Q1", "100", company), mk(2, 0, "Q1", "50", east), mk(3, 1, "", "+9%", ana), mk(4, 2, "Ana east", "10", ana)}
	all[3].Baseline.Spec = goal.BaselineLastYear
	got := sheetOf(all[2:], all)
	want := []sheet.Row{
		{Category: "revenue", Metric: "revenue", Owner: "Ana", Period: "2027-Q1", Target: "+9%", Parent: "#1"},
		{Name: "Ana east", Category: "revenue", Metric: "revenue", Owner: "Ana", Period: "2027-Q1", Target: "10", Baseline: "last-year", Parent: "#2"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sheetOf (-want +got):\n%s", diff)
	}
}
