package measure

import (
	"context"
	"errors"

	"github.com/salesgoal/salesgoal/goal"
)

// Chains of relative targets (docs/goals.md, "Every month"): "+9% each
// month" is a goal per month whose baseline is the month before. While
// that month has not ended, the goal set for it stands in: its target is
// the planned baseline, and the target resolved from it is provisional.

// maxChain is how many links a chain is followed back: a year of weeks
// and more.
const maxChain = 400

// Chain makes the target of pred, the goal set for g's baseline period
// (the same metric and scope), g's planned baseline while that period has
// not ended by the as-of day, and resolves g against it. It reports
// whether it did: only a relative target, whose baseline period is
// exactly pred's, chains.
func (m *Measurer) Chain(g *goal.Goal, pred goal.Goal) bool {
	b := g.Baseline
	if !relative(*g) || pred.TargetValue == nil || pred.Metric != g.Metric || pred.Scope != g.Scope ||
		!pred.Period.Start.Equal(b.Period.Start) || !pred.Period.End.Equal(b.Period.End) || b.Period.Ended(m.asOf) {
		return false
	}
	g.Baseline.Plan(pred)
	g.Resolve()
	return true
}

// relative reports whether any tier of g is relative to its baseline.
func relative(g goal.Goal) bool {
	for _, t := range g.Tiers() {
		if t.Target.Relative() {
			return true
		}
	}
	return false
}

// follow keeps g's planned baseline on the target of the goal it is
// planned from, that goal settled first, so that a chain moves as each
// month's actual becomes known. A goal that no longer exists leaves the
// baseline as it was planned.
func (m *Measurer) follow(ctx context.Context, g *goal.Goal) error {
	b := g.Baseline
	if !b.Planned() || b.From == 0 {
		return nil
	}
	pred, ok, err := m.settled(ctx, b.From, 0)
	if err != nil || !ok || pred.TargetValue == nil || pred.Metric != g.Metric || pred.Scope != g.Scope {
		return err
	}
	v := *pred.TargetValue
	g.Baseline.Value = &v
	g.Resolve()
	return nil
}

// settled returns saved goal id with its baseline settled, once per
// Measurer: the links of a chain are followed once however many goals
// rest on them.
func (m *Measurer) settled(ctx context.Context, id int64, depth int) (goal.Goal, bool, error) {
	if g, ok := m.chained[id]; ok {
		return g, true, nil
	}
	if depth > maxChain {
		return goal.Goal{}, false, nil
	}
	g, err := m.src.Goal(ctx, id)
	if errors.Is(err, goal.ErrNotFound) {
		return g, false, nil
	}
	if err != nil {
		return g, false, err
	}
	if b := g.Baseline; b.Planned() && b.From != 0 && !b.Period.Ended(m.asOf) {
		pred, ok, err := m.settled(ctx, b.From, depth+1)
		if err != nil {
			return g, false, err
		}
		if ok && pred.TargetValue != nil && pred.Metric == g.Metric && pred.Scope == g.Scope {
			v := *pred.TargetValue
			g.Baseline.Value = &v
			g.Resolve()
		}
	} else if _, err := m.Settle(ctx, &g); err != nil {
		return g, false, err
	}
	if m.chained == nil {
		m.chained = map[int64]goal.Goal{}
	}
	m.chained[id] = g
	return g, true, nil
}
