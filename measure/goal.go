package measure

import (
	"context"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// HistoryLength is how many periods of the same length before a goal's the
// Attainable check compares the target with (docs/goals.md).
const HistoryLength = 8

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
//
// A planned baseline (the link of a chain, "+9% each month") follows the
// target of the goal it is planned from until its period has ended, that
// goal settled the same way first; that is not reported as settled.
func (m *Measurer) Settle(ctx context.Context, g *goal.Goal) (bool, error) {
	b := g.Baseline
	if !b.Provisional() || !known(*g) {
		return false, nil
	}
	if !b.Period.Ended(m.asOf) {
		return false, m.follow(ctx, g)
	}
	obs, err := m.observe(ctx, g.Metric, g.Scope, b.Period)
	if err != nil {
		return false, err
	}
	g.Baseline.Value, g.Baseline.Through = obs.Value, b.Period.End
	g.Resolve()
	return true, nil
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
	// Tiers is where the goal stands against each of its tiers, from the
	// floor up (commit, target, stretch); nil for a goal without a commit
	// or a stretch (tiers.go).
	Tiers []TierTrack
	// Depth is how many goals of the report's section this one serves
	// through its parents: 0 for a goal shown on its own, 1 for one shown
	// beneath its parent (tree.go).
	Depth int
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
	in, err := m.inputs(ctx)
	if err != nil {
		return row, err
	}
	t := metric.Tracking{Metric: mt, Period: g.Period, AsOf: m.asOf, Baseline: g.Baseline.Value, Actual: row.Actual,
		Reactivations: in.Reactivations}
	if g.TargetValue != nil {
		t.Target = *g.TargetValue
	}
	row.Progress = metric.Track(t)
	if g.TargetValue == nil && row.Progress.Status != metric.StatusNotStarted {
		// The run rate stands; what is measured against the target does not.
		row.Progress = metric.Progress{Elapsed: row.Progress.Elapsed, Forecast: row.Progress.Forecast, Status: metric.StatusNoData}
	}
	row.Tiers = trackTiers(t, g, row.Progress)
	if withCoverage && row.Actual != nil && g.TargetValue != nil && mt.HasCoverage() && !g.Period.Ended(m.asOf) {
		if row.Coverage, err = m.coverage(ctx, g, *row.Actual, *g.TargetValue); err != nil {
			return row, err
		}
	}
	return row, nil
}
