package cmd

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/internal/sheet"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// TestGoalBar: a goal with tiers gets a bar that runs to its farthest
// tier, with ╎ where the commit and the stretch fall and ┃ at the target
// (drawBar: a mark in the cell its share falls in, int(share × 8)).
func TestGoalBar(t *testing.T) {
	mt := func(id string) metric.Metric { m, _ := metric.Lookup(id); return m }
	tier := func(name string, v float64) measure.TierTrack {
		return measure.TierTrack{Tier: goal.Tier{Name: name, Value: &v}}
	}
	tiers := func(c, tg, s float64) []measure.TierTrack {
		return []measure.TierTrack{tier(goal.TierCommit, c), tier(goal.TierTarget, tg), tier(goal.TierStretch, s)}
	}
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name     string
		metric   string
		tiers    []measure.TierTrack
		target   float64
		baseline *float64
		share    float64 // the goal's progress, or the share of its cap used
		want     string
	}{
		// Commit 6,000, target 8,000, stretch 10,000: the bar runs to 10,000.
		// Marks: 6,000/10,000 × 8 = 4.8 → cell 4; 8,000 → 6.4 → cell 6;
		// 10,000 → cell 7. An actual of 4,000 is 0.5 of the target and
		// 0.4 of the bar: 3.2 → 3 cells.
		{"quota below the commit", "revenue", tiers(6000, 8000, 10000), 8000, nil, 0.5, "███░╎░┃╎"},
		// 9,000: 0.9 of the bar, 7.2 → 7 cells, the marks over them.
		{"quota past the target", "revenue", tiers(6000, 8000, 10000), 8000, nil, 1.125, "████╎█┃╎"},
		// No stretch: the bar ends at the target, the commit at 40/50 × 8
		// = 6.4 → cell 6; 30 of 50 fills 0.6 × 8 = 4.8 → 5 cells.
		{"quota without a stretch", "new-deals", []measure.TierTrack{tier(goal.TierCommit, 40), tier(goal.TierTarget, 50)}, 50, nil, 0.6, "█████░╎┃"},
		// A cap of 9 with a commit of 12 (the loosest) and a stretch of 6:
		// the bar runs to 12/9 of the target; 6 at 6/12 × 8 = cell 4, 9 at
		// 9/12 × 8 = cell 6, 12 at cell 7. 3 used of 9 is 3/12 of the bar:
		// 2 cells.
		{"cap", "discounted-deals", tiers(12, 9, 6), 9, nil, 1.0 / 3, "██░░╎░┃╎"},
		// A win rate off a baseline of 20: commit 25, target 30, stretch
		// 40, at 5/20, 10/20 and 20/20 of the bar: cells 2, 4 and 7. At 30
		// (progress 1) the bar is half full.
		{"ratio off its baseline", "win-rate", tiers(25, 30, 40), 30, f(20), 1, "██╎█┃░░╎"},
		// Without a baseline a ratio's tiers have no place: the plain bar.
		{"ratio without a baseline", "win-rate", tiers(25, 30, 40), 30, nil, 0.5, "████░░░░"},
		{"no tiers", "revenue", nil, 8000, nil, 0.5, "████░░░░"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := measure.Tracked{Metric: mt(tt.metric), Tiers: tt.tiers,
				Goal: goal.Goal{TargetValue: &tt.target, Baseline: goal.Baseline{Value: tt.baseline}}}
			if got := goalBar(tr, tt.share, barCells); got != tt.want {
				t.Errorf("goalBar(%v) = %q, want %q", tt.share, got, tt.want)
			}
		})
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
