package goal

import (
	"cmp"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// Quota sheets (docs/goals.md, "Quota sheets"): a file of goals, one per
// row, applied as a whole. A row is found again by its key, the metric,
// scope and period it asks about; its name is only a label.

// Key is what a quota sheet's row is found again by: "revenue|owner|Ana
// Silva|2027-01-01|2027-01-31".
func (g Goal) Key() string {
	return strings.Join([]string{g.Metric, string(g.Scope.Level), g.Scope.Value,
		metric.FormatDate(g.Period.Start), metric.FormatDate(g.Period.End)}, "|")
}

// Change is one thing a sheet's row changes in the goal it stands for.
type Change struct {
	Field    string // name, target, commit, stretch, baseline, parent, note or sheet
	From, To string
}

// Changes lists what the goal a sheet's row asks for (g) changes in the
// saved goal was: name (unless both are the names salesgoal makes up),
// tiers as written, baseline, parent, note, and the sheet that keeps it. Parents are compared by the names given
// (parentWas, parentNow): a parent not saved yet has no id.
func Changes(was, g Goal, parentWas, parentNow string) []Change {
	var out []Change
	add := func(field, from, to string) {
		if from != to {
			out = append(out, Change{field, from, to})
		}
	}
	// A name salesgoal made up follows the target it names: no change of
	// its own.
	if !was.NamedByDefault() || !g.NamedByDefault() {
		add("name", was.Name, g.Name)
	}
	add("target", was.Target.Spec, g.Target.Spec)
	add("commit", was.Commit.Spec, g.Commit.Spec)
	add("stretch", was.Stretch.Spec, g.Stretch.Spec)
	add("baseline", was.Baseline.Spec, g.Baseline.Spec)
	add("parent", parentWas, parentNow)
	add("note", was.Note, g.Note)
	add("sheet", was.Sheet, g.Sheet)
	return out
}

// Matches says which saved goal each row of a sheet stands for.
type Matches struct {
	// Saved is, for each row, the index into the saved goals of the goal
	// it stands for, or -1 for a new goal.
	Saved []int
	// Ambiguous is, for a row that could stand for several saved goals
	// that no sheet keeps, their ids: the row is refused.
	Ambiguous map[int][]int64
	// Retire is the indexes of the saved goals the sheet keeps and no
	// longer lists.
	Retire []int
}

// Match finds the saved goal each row (wanted, of sheet) stands for: the
// goal the sheet keeps under the same key; else the one goal of that key
// that no sheet keeps, or another sheet keeps (the sheet takes it over);
// of several, the one of the same name. Goals the sheet keeps that no row
// stands for are retired.
func Match(sheet string, wanted, saved []Goal) Matches {
	byKey := map[string][]int{}
	for i, g := range saved {
		byKey[g.Key()] = append(byKey[g.Key()], i)
	}
	out := Matches{Saved: make([]int, len(wanted)), Ambiguous: map[int][]int64{}}
	taken := map[int]bool{}
	for r, w := range wanted {
		out.Saved[r] = -1
		var own, others []int
		for _, i := range byKey[w.Key()] {
			switch {
			case taken[i]:
			case saved[i].Sheet == sheet:
				own = append(own, i)
			default:
				others = append(others, i)
			}
		}
		pick := own
		if len(pick) == 0 {
			pick = others
		}
		if len(pick) > 1 {
			var named []int
			for _, i := range pick {
				if saved[i].Name == w.Name {
					named = append(named, i)
				}
			}
			if len(named) == 1 || len(own) > 0 {
				// A sheet's own goals under one key: the first, by name when
				// one has it; the rest are retired.
				pick = append(named, pick...)[:1]
			}
		}
		switch {
		case len(pick) == 1:
			out.Saved[r] = pick[0]
			taken[pick[0]] = true
		case len(pick) > 1:
			for _, i := range pick {
				out.Ambiguous[r] = append(out.Ambiguous[r], saved[i].ID)
			}
		}
	}
	for i, g := range saved {
		if g.Sheet == sheet && !taken[i] {
			out.Retire = append(out.Retire, i)
		}
	}
	return out
}

// SheetName is the name of the sheet kept in a file: its base name
// without its extension ("plans/2027-q1.csv" → "2027-q1").
func SheetName(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return cmp.Or(strings.TrimSpace(base), "sheet")
}
