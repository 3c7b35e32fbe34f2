package goal

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesgoal/salesgoal/metric"
)

func TestMatch(t *testing.T) {
	ana := metric.Scope{Level: metric.Owner, Value: "Ana"}
	ben := metric.Scope{Level: metric.Owner, Value: "Ben"}
	row := func(name string, sc metric.Scope, p string) Goal {
		return Goal{Name: name, Metric: "revenue", Scope: sc, Period: period(t, p)}
	}
	saved := func(id int64, name, sheet string, sc metric.Scope, p string) Goal {
		g := row(name, sc, p)
		g.ID, g.Sheet = id, sheet
		return g
	}
	savedGoals := []Goal{
		saved(1, "Ana Jan", "q1", ana, "2027-01"),     // the sheet's own
		saved(2, "Ana Feb", "q1", ana, "2027-02"),     // listed no more: retired
		saved(3, "by hand", "", ben, "2027-01"),       // taken over
		saved(4, "twice", "", ben, "2027-02"),         // two goals by hand,
		saved(5, "twice", "", ben, "2027-02"),         // and the row names both
		saved(6, "other sheet", "q2", ana, "2027-03"), // another sheet's: taken over
	}
	wanted := []Goal{
		row("Ana January", ana, "2027-01"),
		row("Ben Jan", ben, "2027-01"),
		row("twice", ben, "2027-02"),
		row("new", ben, "2027-03"),
		row("Ana Mar", ana, "2027-03"),
	}
	got := Match("q1", wanted, savedGoals)
	want := Matches{
		Saved:     []int{0, 2, -1, -1, 5},
		Ambiguous: map[int][]int64{2: {4, 5}},
		Retire:    []int{1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Match (-want +got):\n%s", diff)
	}
}

func TestChanges(t *testing.T) {
	was := Goal{Name: "Ana Jan", Target: mustTarget(t, "10000"), Baseline: Baseline{Spec: BaselinePrevious}, Note: "n", Sheet: "q1"}
	g := was
	g.Target, g.Stretch, g.Sheet = mustTarget(t, "12000"), mustTarget(t, "+20%"), "q1"
	got := Changes(was, g, "Q1", "Revenue Q1")
	want := []Change{{"target", "10000", "12000"}, {"stretch", "", "+20%"}, {"parent", "Q1", "Revenue Q1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Changes (-want +got):\n%s", diff)
	}
	if got := Changes(was, was, "", ""); len(got) != 0 {
		t.Errorf("no change: %v", got)
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{"plans/2027-q1.csv": "2027-q1", "q1": "q1", `C:\plans\q1.CSV`: "q1", ".csv": ".csv", "a.b.csv": "a.b"} {
		if got := SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}
