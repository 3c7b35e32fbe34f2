package measure

import (
	"cmp"
	"slices"

	"github.com/salesgoal/salesgoal/metric"
)

// Board is a leaderboard: the goals of one metric and one period set for
// owners (or teams), the best attainment first (report --by owner).
type Board struct {
	Category string
	Metric   metric.Metric
	Period   metric.Period
	Rows     []Tracked
}

// Leaderboards ranks the report's goals set for one owner (or team, by
// level) against the others of the same metric and period: by progress
// for quotas and ratios, the highest first; by how little of their cap
// they used for caps and retention. A goal with nothing to rank by
// (not started, no data) comes last; a tie goes by name.
func (r *Report) Leaderboards(level metric.Level) []Board {
	var out []Board
	for _, s := range r.Sections {
		at := map[string]int{}
		for _, g := range s.Goals {
			if g.Goal.Scope.Level != level {
				continue
			}
			k := g.Metric.ID + " " + g.Goal.Period.Label
			i, ok := at[k]
			if !ok {
				i = len(out)
				at[k] = i
				out = append(out, Board{Category: s.Category, Metric: g.Metric, Period: g.Goal.Period})
			}
			g.Depth = 0
			out[i].Rows = append(out[i].Rows, g)
		}
	}
	for _, b := range out {
		slices.SortStableFunc(b.Rows, func(x, y Tracked) int {
			xv, xok := Attainment(x)
			yv, yok := Attainment(y)
			switch {
			case xok != yok:
				if xok {
					return -1
				}
				return 1
			case xok && xv != yv:
				if lowerFirst(x.Metric) {
					return cmp.Compare(xv, yv)
				}
				return cmp.Compare(yv, xv)
			}
			return cmp.Compare(x.Goal.Scope.Value, y.Goal.Scope.Value)
		})
	}
	slices.SortStableFunc(out, func(x, y Board) int { return x.Period.Start.Compare(y.Period.Start) })
	return out
}

// Attainment is what a goal is ranked by: its progress for a quota or a
// ratio, how much of its cap it used for a cap or retention.
func Attainment(t Tracked) (float64, bool) {
	p := t.Progress.Progress
	if lowerFirst(t.Metric) {
		p = t.Progress.Used
	}
	if p == nil {
		return 0, false
	}
	return *p, true
}

// lowerFirst reports whether less is better in a metric's attainment: the
// share of a cap used.
func lowerFirst(m metric.Metric) bool {
	k := m.Kind()
	return k == metric.KindCap || k == metric.KindRetention
}
