package cmd

import (
	"slices"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// reportData is everything a report shows, whatever its format: what was
// measured, and where the data came from.
type reportData struct {
	*measure.Report
	currency  string
	noConvert bool   // --no-convert
	converted string // how other currencies were converted ("" for not)
	// imports are the latest import of each kind of data, newest first.
	imports []store.Import
	// by is owner or team for a leaderboard (report --by), "" otherwise.
	by metric.Level
	// since is the day of --since (zero without it), and changes the
	// goals whose status moved since that day.
	since   time.Time
	changes []measure.Change
	// paths are, for the HTML report, each goal's metric day by day.
	paths map[int64]measure.Path
}

// goals counts the goals of the report.
func (d *reportData) goals() int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Goals)
	}
	return n
}

// latestPerKind keeps the newest import of each kind of data, deals first,
// then customers and spend: where the report's numbers come from. ims is
// newest first, as the store lists it.
func latestPerKind(ims []store.Import) []store.Import {
	order := map[string]int{"deals": 0, "customers": 1, "spend": 2}
	out := []store.Import{}
	seen := map[string]bool{}
	for _, im := range ims {
		if !seen[im.Kind] {
			seen[im.Kind] = true
			out = append(out, im)
		}
	}
	slices.SortStableFunc(out, func(a, b store.Import) int {
		ra, oka := order[a.Kind]
		rb, okb := order[b.Kind]
		if !oka {
			ra = len(order)
		}
		if !okb {
			rb = len(order)
		}
		return ra - rb
	})
	return out
}

// lastImport is the time of the newest import, "" when there was none.
func lastImport(ims []store.Import) string {
	last := ""
	for _, im := range ims {
		last = max(last, im.At)
	}
	return last
}

// reportGoalsFor keeps, of the goals the store found for the report's
// period and scope, those in the categories asked for.
//
// A report shows the goals whose period overlaps its own (the store's
// filter), each measured over its own period up to the as-of date.
// Overlap rather than "equal, containing or contained": a weekly report
// for a week that straddles two months then still shows both months'
// goals, and a quarterly report shows its monthly goals and the year's.
func reportGoalsFor(gs []goal.Goal, categories []string) []goal.Goal {
	out := []goal.Goal{}
	for _, g := range gs {
		if slices.Contains(categories, g.Category) {
			out = append(out, g)
		}
	}
	return out
}
