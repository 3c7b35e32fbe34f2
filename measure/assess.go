package measure

import (
	"context"
	"errors"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// Family is what assessing a goal needs to know of the goals around it
// that the store may not hold yet (the rows of a quota sheet, the goals
// goal add --each makes): the goal it serves and the goals that serve it.
type Family struct {
	// Parent is the goal it serves; nil: the saved goal g.ParentID names,
	// if any.
	Parent *goal.Goal
	// Children are the goals that serve it, their targets resolved, for
	// Relevant's roll-up (docs/goals.md, "Roll-up").
	Children []goal.Goal
}

// Assess gathers what the SMART assessment of g needs from the data and
// assesses g as of the Measurer's day (docs/goals.md). With remeasure, g's
// baseline value is measured again and its target resolved against it;
// without, the baseline value stays as agreed (a new target is resolved
// against it) and only what it rests on is looked up again.
func (m *Measurer) Assess(ctx context.Context, g *goal.Goal, remeasure bool) (goal.Assessment, error) {
	return m.AssessIn(ctx, g, remeasure, Family{})
}

// AssessIn is Assess for a goal among the goals of fam.
func (m *Measurer) AssessIn(ctx context.Context, g *goal.Goal, remeasure bool, fam Family) (goal.Assessment, error) {
	if measurable(*g) {
		// The baseline and the history, side by side.
		periods := append(g.Period.History(HistoryLength), g.Baseline.Period)
		if err := m.cache.prefetch(ctx, m.keys(g.Scope, periods...)); err != nil {
			return goal.Assessment{}, err
		}
	}
	var obs goal.Observation
	var err error
	if remeasure {
		obs, err = m.measureBaseline(ctx, g)
	} else {
		if _, err = m.Settle(ctx, g); err != nil {
			return goal.Assessment{}, err
		}
		g.Resolve()
		if known(*g) {
			obs, err = m.observe(ctx, g.Metric, g.Scope, g.Baseline.Period)
		}
	}
	if err != nil {
		return goal.Assessment{}, err
	}
	ev, err := m.evidence(ctx, *g, obs, fam)
	if err != nil {
		return goal.Assessment{}, err
	}
	return goal.Assess(*g, ev, m.asOf), nil
}

// MeasureBaseline sets g's baseline value from the data, as Assess with
// remeasure does, and resolves its target and tiers.
func (m *Measurer) MeasureBaseline(ctx context.Context, g *goal.Goal) error {
	_, err := m.measureBaseline(ctx, g)
	return err
}

// Evidence gathers what the SMART assessment of g needs from the data: the
// inputs the data holds, whether g's owner or team appears in it, the
// metric over the HistoryLength periods before g's, and g's parent goals.
// baseline is the observation g's baseline value came from.
func (m *Measurer) Evidence(ctx context.Context, g goal.Goal, baseline goal.Observation) (goal.Evidence, error) {
	return m.evidence(ctx, g, baseline, Family{})
}

func (m *Measurer) evidence(ctx context.Context, g goal.Goal, baseline goal.Observation, fam Family) (goal.Evidence, error) {
	ev := goal.Evidence{Baseline: baseline, ScopeExists: true, Children: fam.Children}
	var err error
	if ev.Inputs, err = m.inputs(ctx); err != nil {
		return ev, err
	}
	if ev.ScopeExists, err = m.scopeExists(ctx, g.Scope); err != nil {
		return ev, err
	}
	if measurable(g) {
		history := g.Period.History(HistoryLength)
		if err := m.cache.prefetch(ctx, m.keys(g.Scope, history...)); err != nil {
			return ev, err
		}
		for _, p := range history {
			o, err := m.observe(ctx, g.Metric, g.Scope, p)
			if err != nil {
				return ev, err
			}
			ev.History = append(ev.History, o)
		}
	}
	id := g.ParentID
	if fam.Parent != nil {
		p := *fam.Parent
		ev.Parent, id = &p, p.ParentID
	}
	for depth := 0; id != 0 && depth < 100; depth++ {
		p, err := m.src.Goal(ctx, id)
		if errors.Is(err, goal.ErrNotFound) {
			break
		}
		if err != nil {
			return ev, err
		}
		if ev.Parent == nil {
			ev.Parent = &p
		} else {
			ev.Ancestors = append(ev.Ancestors, p)
		}
		if p.ID == g.ID {
			break // a cycle: Relevant says so
		}
		id = p.ParentID
	}
	return ev, nil
}

// scopeExists asks the source whether an owner or team appears in the
// data, once per scope: a quota sheet asks it of every row.
func (m *Measurer) scopeExists(ctx context.Context, sc metric.Scope) (bool, error) {
	if sc.Level == metric.Company {
		return true, nil
	}
	if ok, seen := m.scopes[sc]; seen {
		return ok, nil
	}
	ok, err := m.src.ScopeExists(ctx, sc)
	if err != nil {
		return false, err
	}
	if m.scopes == nil {
		m.scopes = map[metric.Scope]bool{}
	}
	m.scopes[sc] = ok
	return ok, nil
}

// PrefetchGoals asks the source, in as few queries as it can, for everything
// assessing and tracking gs needs: each goal's period, baseline and
// history. Many goals (a quota sheet) are then assessed from the cache.
func (m *Measurer) PrefetchGoals(ctx context.Context, gs []goal.Goal) error {
	var want []key
	for _, g := range gs {
		if !measurable(g) {
			continue
		}
		periods := append(g.Period.History(HistoryLength), g.Period, g.Baseline.Period)
		want = append(want, m.keys(g.Scope, periods...)...)
	}
	return m.cache.prefetch(ctx, want)
}

// Values is metric id over each of periods for scope sc: nil where it is
// null or the period has not started. A seasonal split weighs the parts
// of a period by the same parts a year before.
func (m *Measurer) Values(ctx context.Context, id string, sc metric.Scope, periods []metric.Period) ([]*float64, error) {
	if err := m.cache.prefetch(ctx, m.keys(sc, periods...)); err != nil {
		return nil, err
	}
	out := make([]*float64, len(periods))
	for i, p := range periods {
		o, err := m.observe(ctx, id, sc, p)
		if err != nil {
			return nil, err
		}
		out[i] = o.Value
	}
	return out, nil
}
