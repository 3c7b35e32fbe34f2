package measure

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// goalSource is a rangeSource that also holds saved goals.
type goalSource struct {
	rangeSource
	goals map[int64]goal.Goal
}

func (s *goalSource) Goal(_ context.Context, id int64) (goal.Goal, error) {
	g, ok := s.goals[id]
	if !ok {
		return g, goal.ErrNotFound
	}
	return g, nil
}

// TestChain: "+9% each month" for January to March, set on 2027-01-20.
// December's revenue was 10,000, January's turns out 12,000 and
// February's 15,000. Worked by hand:
//
//	set on 01-20: Jan 10,000 × 1.09 = 10,900; Feb (planned on Jan's target)
//	10,900 × 1.09 = 11,881; Mar 11,881 × 1.09 = 12,950.29
//	as of 02-10: Jan is over, Feb 12,000 × 1.09 = 13,080; Mar 13,080 × 1.09
//	= 14,257.20
//	as of 03-05: Feb is over, Mar 15,000 × 1.09 = 16,350
func TestChain(t *testing.T) {
	src := &goalSource{rangeSource: rangeSource{in: allInputs, ranges: map[string]metric.Aggregates{
		"2026-12-01..2026-12-31": {Won: 10, WonMoney: 10, WonAmount: 1000000},
		"2027-01-01..2027-01-31": {Won: 12, WonMoney: 12, WonAmount: 1200000},
		"2027-02-01..2027-02-28": {Won: 15, WonMoney: 15, WonAmount: 1500000},
	}}, goals: map[int64]goal.Goal{}}
	setOn := mustDay("2027-01-20")
	m := New(src, "USD", setOn)
	var chain []goal.Goal
	for i, month := range []string{"2027-01", "2027-02", "2027-03"} {
		g := mustGoal(t, "revenue", "+9%", month, setOn)
		if err := m.MeasureBaseline(context.Background(), &g); err != nil {
			t.Fatal(err)
		}
		if i > 0 && !m.Chain(&g, chain[i-1]) {
			t.Fatalf("%s did not chain on %s", month, chain[i-1].Period.Label)
		}
		g.ID = int64(i + 1)
		chain = append(chain, g)
		src.goals[g.ID] = g
	}
	targets := func(asOf string) []float64 {
		var out []float64
		m := New(src, "USD", mustDay(asOf))
		for _, g := range chain {
			tr, err := m.Track(context.Background(), g)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, *tr.Goal.TargetValue)
		}
		return out
	}
	for _, tt := range []struct {
		asOf string
		want []float64
	}{
		{"2027-01-20", []float64{10900, 11881, 12950.29}},
		{"2027-02-10", []float64{10900, 13080, 14257.2}},
		{"2027-03-05", []float64{10900, 13080, 16350}},
	} {
		if diff := cmp.Diff(tt.want, targets(tt.asOf)); diff != "" {
			t.Errorf("targets as of %s (-want +got):\n%s", tt.asOf, diff)
		}
	}
	// A goal whose baseline month has ended does not chain: it is measured.
	late := mustGoal(t, "revenue", "+9%", "2027-02", mustDay("2027-02-10"))
	if New(src, "USD", mustDay("2027-02-10")).Chain(&late, chain[0]) {
		t.Error("chained on a month that has ended")
	}
}

// TestTierStatus: commit 8,000, target 10,000 and stretch 12,000 of
// revenue over 2027-Q1 (90 days), as of 02-14 (45 days, f = 0.5): the run
// rate is twice the actual. At-risk is a miss by at most 10% of the tier.
func TestTierStatus(t *testing.T) {
	g := mustGoal(t, "revenue", "10000", "2027-Q1", mustDay("2027-01-02"))
	g.Commit, _ = goal.ParseTarget("8000")
	g.Stretch, _ = goal.ParseTarget("12000")
	g.Resolve()
	tests := []struct {
		asOf   string
		actual float64
		want   string
	}{
		// 9,000 meets 8,000 and misses 10,000 by 1,000 = 10%.
		{"2027-02-14", 4500, "on-track for commit, at-risk for target"},
		// 7,000 misses 8,000 by 1,000, more than 800.
		{"2027-02-14", 3500, "behind commit"},
		{"2027-02-14", 6500, "on-track for stretch"},
		// As of 03-25 (84 of 90 days), 10,500 has achieved 10,000 and runs at
		// 10,500 × 90/84 = 11,250, 750 short of 12,000 (at most 1,200).
		{"2027-03-25", 10500, "achieved target, at-risk for stretch"},
		{"2027-04-02", 10500, "achieved target, missed stretch"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf+" "+metric.OneDecimal(tt.actual), func(t *testing.T) {
			in := metric.Tracking{Metric: mustMetric(t, "revenue"), Period: g.Period, AsOf: mustDay(tt.asOf), Actual: &tt.actual, Target: *g.TargetValue}
			tr := Tracked{Goal: g, Metric: in.Metric}
			tr.Progress = metric.Track(in)
			tr.Tiers = trackTiers(in, g, tr.Progress)
			if got := tr.TierStatus(); got != tt.want {
				t.Errorf("TierStatus() = %q, want %q", got, tt.want)
			}
		})
	}
}

func mustMetric(t *testing.T, id string) metric.Metric {
	t.Helper()
	m, ok := metric.Lookup(id)
	if !ok {
		t.Fatalf("no metric %s", id)
	}
	return m
}

// tracked builds a tracked revenue goal for a tree or a leaderboard.
func tracked(t *testing.T, id, parent int64, owner string, target, actual float64, progress *float64) Tracked {
	g := mustGoal(t, "revenue", "1", "2027-Q1", mustDay("2027-02-14"))
	g.ID, g.ParentID, g.TargetValue = id, parent, &target
	if owner != "" {
		g.Scope = metric.Scope{Level: metric.Owner, Value: owner}
	}
	return Tracked{Goal: g, Metric: mustMetric(t, "revenue"), Actual: &actual, Progress: metric.Progress{Progress: progress}}
}

// TestArrange: the team's goal #2 with its reps #3 and #5 beneath it; #4
// serves a goal the section does not show. The reps ask 12,000 + 15,000 =
// 27,000 of the 30,000 (0.9) and have made 5,000 + 7,000 = 12,000.
func TestArrange(t *testing.T) {
	gs := []Tracked{
		tracked(t, 1, 0, "", 5000, 1000, nil),
		tracked(t, 3, 2, "ana", 12000, 5000, nil),
		tracked(t, 4, 9, "ben", 1000, 10, nil),
		tracked(t, 2, 0, "", 30000, 13000, nil),
		tracked(t, 5, 2, "cy", 15000, 7000, nil),
	}
	out, sums := arrange(gs)
	var order []string
	for _, g := range out {
		order = append(order, idDepth(g))
	}
	if diff := cmp.Diff([]string{"#1 0", "#4 0", "#2 0", "#3 1", "#5 1"}, order); diff != "" {
		t.Errorf("order and depth (-want +got):\n%s", diff)
	}
	want := []RollUp{{Parent: 2, Children: 2, Target: ptr(27000), Actual: ptr(12000), Assigned: ptr(0.9)}}
	if diff := cmp.Diff(want, sums); diff != "" {
		t.Errorf("roll-ups (-want +got):\n%s", diff)
	}
}

func idDepth(g Tracked) string {
	return "#" + metric.OneDecimal(float64(g.Goal.ID)) + " " + metric.OneDecimal(float64(g.Depth))
}

// TestLeaderboards: the reps' goals ranked by progress, the one with none
// last; the company's goal is no rep's.
func TestLeaderboards(t *testing.T) {
	r := &Report{Sections: []Section{{Category: "revenue", Goals: []Tracked{
		tracked(t, 1, 0, "", 30000, 0, ptr(0.4)),
		tracked(t, 2, 1, "ana", 10000, 5000, ptr(0.5)),
		tracked(t, 3, 1, "ben", 10000, 0, nil),
		tracked(t, 4, 1, "cy", 10000, 8000, ptr(0.8)),
		tracked(t, 5, 1, "dee", 10000, 5000, ptr(0.5)),
	}}}}
	bs := r.Leaderboards(metric.Owner)
	if len(bs) != 1 {
		t.Fatalf("%d boards, want 1", len(bs))
	}
	var got []string
	for _, row := range bs[0].Rows {
		got = append(got, row.Goal.Scope.Value)
	}
	if diff := cmp.Diff([]string{"cy", "ana", "dee", "ben"}, got); diff != "" {
		t.Errorf("ranking (-want +got):\n%s", diff)
	}
}

// TestArrangePartial: a quarter's goal with two of its three months shown
// (a report on those months) sums nothing up.
func TestArrangePartial(t *testing.T) {
	month := func(id int64, p string) Tracked {
		g := tracked(t, id, 1, "", 10000, 1000, nil)
		g.Goal.Period = mustGoal(t, "revenue", "1", p, mustDay("2027-02-14")).Period
		return g
	}
	_, sums := arrange([]Tracked{tracked(t, 1, 0, "", 30000, 2000, nil), month(2, "2027-01"), month(3, "2027-02")})
	want := []RollUp{{Parent: 1, Children: 2, Partial: true}}
	if diff := cmp.Diff(want, sums); diff != "" {
		t.Errorf("roll-ups (-want +got):\n%s", diff)
	}
}
