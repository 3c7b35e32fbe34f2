package measure

import (
	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// RollUp is a goal shown with the goals that serve it beneath it
// (docs/goals.md, "Roll-up"): what their targets and actuals add up to,
// for a metric that adds up that way.
type RollUp struct {
	Parent int64
	// Children is how many goals of the section serve it directly.
	Children int
	// Target and Actual are what the children's targets and actuals add
	// up to (goal.RollUp); nil when the metric does not add up that way
	// (a rate over owners, a ratio), or a child has none.
	Target, Actual *float64
	// Assigned is Target over the parent's target: 1 when the children add
	// up to it exactly, 1.1 when they over-assign it by 10%.
	Assigned *float64
	// Partial is true when the periods of the children shown leave part
	// of the parent's out (the report's period holds only some of the
	// months): nothing is summed then.
	Partial bool
}

// arrange orders a section's goals so that each goal the section's other
// goals serve comes first and those goals beneath it (their Depth one
// more), keeping the order they came in otherwise; and sums up each such
// goal's children.
func arrange(gs []Tracked) ([]Tracked, []RollUp) {
	at := map[int64]int{}
	for i, g := range gs {
		at[g.Goal.ID] = i
	}
	children := map[int64][]int{}
	var roots []int
	for i, g := range gs {
		if _, ok := at[g.Goal.ParentID]; ok && g.Goal.ParentID != 0 && g.Goal.ParentID != g.Goal.ID {
			children[g.Goal.ParentID] = append(children[g.Goal.ParentID], i)
		} else {
			roots = append(roots, i)
		}
	}
	out := make([]Tracked, 0, len(gs))
	var sums []RollUp
	seen := map[int]bool{}
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] {
			return
		}
		seen[i] = true
		g := gs[i]
		g.Depth = depth
		out = append(out, g)
		kids := children[g.Goal.ID]
		if len(kids) > 0 {
			sums = append(sums, rollUpOf(g, kids, gs))
		}
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	// Goals that serve one another in a circle have no root: shown flat.
	for i := range gs {
		walk(i, 0)
	}
	return out, sums
}

// rollUpOf sums up the children (indexes into gs) of parent p.
func rollUpOf(p Tracked, kids []int, gs []Tracked) RollUp {
	r := RollUp{Parent: p.Goal.ID, Children: len(kids)}
	var targets, actuals []float64
	// The children's periods must make up the parent's.
	parts := make([]metric.Period, len(kids))
	for i, k := range kids {
		parts[i] = gs[k].Goal.Period
	}
	if !p.Goal.Period.MadeUpBy(parts) {
		r.Partial = true
		return r
	}
	for _, k := range kids {
		c := gs[k]
		overTime := c.Goal.Scope == p.Goal.Scope
		if c.Goal.Metric != p.Goal.Metric || overTime && !goal.AddsUpOverTime(p.Metric) || !overTime && !goal.AddsUpAcross(p.Metric) {
			return r
		}
		if c.Goal.TargetValue != nil {
			targets = append(targets, *c.Goal.TargetValue)
		}
		switch {
		case c.Actual != nil:
			actuals = append(actuals, *c.Actual)
		case c.Progress.Status == metric.StatusNotStarted:
			// A month still to come has made nothing yet.
			actuals = append(actuals, 0)
		}
	}
	if len(targets) == len(kids) {
		v := goal.RollUp(p.Metric, targets)
		r.Target = &v
		if t := p.Goal.TargetValue; t != nil && *t != 0 {
			a := v / *t
			r.Assigned = &a
		}
	}
	if len(actuals) == len(kids) {
		v := goal.RollUp(p.Metric, actuals)
		r.Actual = &v
	}
	return r
}
