package measure

import (
	"context"
	"errors"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// HistoryLength is how many periods of the same length before a goal's the
// Attainable check compares the target with (docs/goals.md).
const HistoryLength = 8

// Assess gathers what the SMART assessment of g needs from the data and
// assesses g as of the Measurer's day (docs/goals.md). With remeasure, g's
// baseline value is measured again and its target resolved against it;
// without, the baseline value stays as agreed (a new target is resolved
// against it) and only what it rests on is looked up again.
func (m *Measurer) Assess(ctx context.Context, g *goal.Goal, remeasure bool) (goal.Assessment, error) {
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
	ev, err := m.Evidence(ctx, *g, obs)
	if err != nil {
		return goal.Assessment{}, err
	}
	return goal.Assess(*g, ev, m.asOf), nil
}

// known reports whether g names a metric of its category: only then is
// there something to measure.
func known(g goal.Goal) bool {
	m, ok := metric.Lookup(g.Metric)
	return ok && m.Category == g.Category
}

// measurable reports whether g has a metric and a period to measure its
// history over.
func measurable(g goal.Goal) bool {
	return known(g) && g.Period.Label != ""
}

// measureBaseline sets g's baseline value from the data and resolves its
// target, returning the observation with what the value rests on. The
// baseline records the last day it counts: before its period's end when
// that period is still running, which makes it provisional.
func (m *Measurer) measureBaseline(ctx context.Context, g *goal.Goal) (goal.Observation, error) {
	obs := goal.Observation{Period: g.Baseline.Period, Basis: -1}
	if known(*g) {
		var err error
		if obs, err = m.observe(ctx, g.Metric, g.Scope, g.Baseline.Period); err != nil {
			return obs, err
		}
	}
	g.Baseline.Value = obs.Value
	g.Baseline.Through = g.Baseline.Period.End
	if eff, ok := g.Baseline.Period.Effective(m.asOf); ok {
		g.Baseline.Through = eff.End
	}
	g.Resolve()
	return obs, nil
}

// Settle measures a provisional baseline again over its whole period once
// that period has ended by the as-of day, and resolves the target against
// it (docs/goals.md, "Baselines"): a goal set on 10 July on "+9% over
// July" means the whole of July once July is over. It reports whether it
// did. Nothing is saved: every command that reads the goal settles it the
// same way.
func (m *Measurer) Settle(ctx context.Context, g *goal.Goal) (bool, error) {
	b := g.Baseline
	if !b.Provisional() || !b.Period.Ended(m.asOf) || !known(*g) {
		return false, nil
	}
	obs, err := m.observe(ctx, g.Metric, g.Scope, b.Period)
	if err != nil {
		return false, err
	}
	g.Baseline.Value, g.Baseline.Through = obs.Value, b.Period.End
	g.Resolve()
	return true, nil
}

// Evidence gathers what the SMART assessment of g needs from the data: the
// inputs the data holds, whether g's owner or team appears in it, the
// metric over the HistoryLength periods before g's, and g's parent goals.
// baseline is the observation g's baseline value came from.
func (m *Measurer) Evidence(ctx context.Context, g goal.Goal, baseline goal.Observation) (goal.Evidence, error) {
	ev := goal.Evidence{Baseline: baseline, ScopeExists: true}
	var err error
	if ev.Inputs, err = m.src.Inputs(ctx); err != nil {
		return ev, err
	}
	if ev.ScopeExists, err = m.src.ScopeExists(ctx, g.Scope); err != nil {
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
	for id, depth := g.ParentID, 0; id != 0 && depth < 100; depth++ {
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

// Tracked is a goal measured over its own period up to the as-of day, and
// where that leaves it (metric.Track).
type Tracked struct {
	// Goal is the goal as tracked: a provisional baseline whose period has
	// ended is settled (BaselineWasThrough).
	Goal   goal.Goal
	Metric metric.Metric
	// Actual is the metric over the goal's period so far; nil when null or
	// when the period has not started. Reason says why, when the data
	// cannot measure the metric at all.
	Actual *float64
	Reason string
	// LowSample is true when the actual rests on fewer than
	// metric.LowSampleBelow deals or customers: Basis of them
	// (Metric.Basis.Of says of what).
	LowSample bool
	Basis     int64
	// BaselineWasThrough is, when the saved baseline was provisional and
	// has been measured again over its whole period for this tracking,
	// the last day it counted when it was saved; zero otherwise.
	BaselineWasThrough time.Time
	Progress           metric.Progress
	// Coverage is the pipeline's coverage of what a running revenue or
	// new-deals goal still misses; nil for other goals.
	Coverage *metric.Coverage
}

// Track measures g's actual over its own period up to the as-of day and
// tracks it (docs/goals.md): its progress by the kind of its metric, and
// for a running revenue or new-deals goal the pipeline's coverage. A
// provisional baseline whose period has ended is settled first. A goal
// whose target could not be resolved (a relative target on a null
// baseline) has nothing to be measured against: it is no-data once its
// period has started.
func (m *Measurer) Track(ctx context.Context, g goal.Goal) (Tracked, error) {
	return m.track(ctx, g, true)
}

// track is Track, with pipeline coverage only when withCoverage: a
// status does not depend on it.
func (m *Measurer) track(ctx context.Context, g goal.Goal, withCoverage bool) (Tracked, error) {
	mt, _ := metric.Lookup(g.Metric)
	row := Tracked{Goal: g, Metric: mt}
	was := g.Baseline.Through
	settled, err := m.Settle(ctx, &row.Goal)
	if err != nil {
		return row, err
	}
	if settled {
		row.BaselineWasThrough = was
	}
	g = row.Goal
	v, _, err := m.compute(ctx, g.Metric, g.Scope, g.Period)
	if err != nil {
		return row, err
	}
	row.Actual, row.Reason = v.Number(), v.Reason
	row.LowSample, row.Basis = v.LowSample(), v.Basis
	t := metric.Tracking{Metric: mt, Period: g.Period, AsOf: m.asOf, Baseline: g.Baseline.Value, Actual: row.Actual}
	if g.TargetValue != nil {
		t.Target = *g.TargetValue
	}
	row.Progress = metric.Track(t)
	if g.TargetValue == nil && row.Progress.Status != metric.StatusNotStarted {
		// The run rate stands; what is measured against the target does not.
		row.Progress = metric.Progress{Elapsed: row.Progress.Elapsed, Forecast: row.Progress.Forecast, Status: metric.StatusNoData}
	}
	if withCoverage && row.Actual != nil && g.TargetValue != nil && mt.HasCoverage() && !g.Period.Ended(m.asOf) {
		if row.Coverage, err = m.coverage(ctx, g, *row.Actual, *g.TargetValue); err != nil {
			return row, err
		}
	}
	return row, nil
}
