package cmd

import (
	"context"
	"slices"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
	"github.com/salesgoal/salesgoal/store"
)

// reportData is everything a report shows, whatever its format.
type reportData struct {
	period  metric.Period
	asOf    time.Time
	elapsed float64
	// scope is whose goals and values the report shows: the company (all
	// goals, company-wide values) or one owner or team.
	scope    metric.Scope
	currency string
	// imports are the latest import of each kind of data, newest first.
	imports  []store.Import
	sections []reportSection
	// otherCurrency counts the deals in another currency that the
	// period's money values left out (DESIGN.md §1).
	otherCurrency int64
}

// reportSection is one category: its primary metric over the report's
// period and the previous one, and the goals set on the category.
type reportSection struct {
	category   string
	metric     metric.Metric
	value      *float64
	previous   *float64
	prevPeriod metric.Period
	goals      []reportGoal
}

// reportGoal is one goal's row: its actual over its own period as of the
// report's date, and where that leaves it (metric.Track).
type reportGoal struct {
	goal     goal.Goal
	metric   metric.Metric
	actual   *float64
	progress metric.Progress
}

// summary counts the goals of each status, in metric.Statuses order.
func (d *reportData) summary() []statusCount {
	n := map[metric.Status]int{}
	for _, s := range d.sections {
		for _, g := range s.goals {
			n[g.progress.Status]++
		}
	}
	out := make([]statusCount, 0, len(n))
	for _, st := range metric.Statuses() {
		out = append(out, statusCount{st, n[st]})
	}
	return out
}

type statusCount struct {
	status metric.Status
	n      int
}

// failing reports how many goals are at or below the --fail-on status:
// at-risk counts at-risk, behind and missed goals; behind counts behind
// and missed ones.
func (d *reportData) failing(failOn metric.Status) int {
	bad := map[metric.Status]bool{metric.StatusBehind: true, metric.StatusMissed: true}
	if failOn == metric.StatusAtRisk {
		bad[metric.StatusAtRisk] = true
	}
	n := 0
	for _, s := range d.sections {
		for _, g := range s.goals {
			if bad[g.progress.Status] {
				n++
			}
		}
	}
	return n
}

// reportInput is what buildReport needs besides the data: the period, the
// as-of date, the scope and categories asked for, and the goals.
type reportInput struct {
	period     metric.Period
	asOf       time.Time
	scope      metric.Scope
	categories []string // in DESIGN.md §4 order; all nine when none were asked for
	currency   string
	goals      []goal.Goal
	imports    []store.Import
}

// buildReport measures every goal and every category's primary metric. It
// asks src for each distinct (scope, range) once, answers many owners,
// teams or months with one grouped query (aggregateCache.prefetch), and
// runs the queries side by side.
func buildReport(ctx context.Context, src aggregateSource, in reportInput) (*reportData, error) {
	d := &reportData{
		period:   in.period,
		asOf:     metric.DateOf(in.asOf),
		elapsed:  in.period.Elapsed(in.asOf),
		scope:    in.scope,
		currency: in.currency,
		imports:  latestPerKind(in.imports),
	}
	cache := newAggregateCache(src, in.currency)

	// Collect every range the report needs, so the cache can batch them.
	sc := in.scope
	prev := in.period.Previous()
	want := []aggregateKey{}
	if k, ok := keyFor(sc, in.period, d.asOf); ok {
		want = append(want, k)
	}
	if k, ok := keyFor(sc, prev, d.asOf); ok {
		want = append(want, k)
	}
	for _, g := range in.goals {
		if k, ok := keyFor(g.Scope, g.Period, d.asOf); ok {
			want = append(want, k)
		}
	}
	if err := cache.prefetch(ctx, want); err != nil {
		return nil, err
	}

	value := func(m metric.Metric, p metric.Period) (*float64, error) {
		k, ok := keyFor(sc, p, d.asOf)
		if !ok {
			return nil, nil
		}
		a, err := cache.get(ctx, k)
		if err != nil {
			return nil, err
		}
		return metric.ComputeOne(m.ID, a).ScopedTo(sc).Number(), nil
	}
	if k, ok := keyFor(sc, in.period, d.asOf); ok {
		a, err := cache.get(ctx, k)
		if err != nil {
			return nil, err
		}
		d.otherCurrency = a.OtherCurrency
	}

	for _, cat := range in.categories {
		m, _ := metric.Primary(cat)
		s := reportSection{category: cat, metric: m, prevPeriod: prev}
		var err error
		if s.value, err = value(m, in.period); err != nil {
			return nil, err
		}
		if s.previous, err = value(m, prev); err != nil {
			return nil, err
		}
		for _, g := range in.goals {
			if g.Category != cat {
				continue
			}
			row, err := measureGoal(ctx, cache, g, d.asOf)
			if err != nil {
				return nil, err
			}
			s.goals = append(s.goals, row)
		}
		d.sections = append(d.sections, s)
	}
	return d, nil
}

// measureGoal computes a goal's actual over its own period up to the as-of
// date and tracks it (DESIGN.md §6). A goal whose target could not be
// resolved (a relative target on a null baseline) has nothing to be
// measured against: it is no-data once its period has started.
func measureGoal(ctx context.Context, cache *aggregateCache, g goal.Goal, asOf time.Time) (reportGoal, error) {
	m, _ := metric.Lookup(g.Metric)
	row := reportGoal{goal: g, metric: m}
	if k, ok := keyFor(g.Scope, g.Period, asOf); ok {
		a, err := cache.get(ctx, k)
		if err != nil {
			return row, err
		}
		row.actual = metric.ComputeOne(g.Metric, a).Number()
	}
	t := metric.Tracking{Metric: m, Period: g.Period, AsOf: asOf, Baseline: g.Baseline.Value, Actual: row.actual}
	if g.TargetValue != nil {
		t.Target = *g.TargetValue
	}
	row.progress = metric.Track(t)
	if g.TargetValue == nil && row.progress.Status != metric.StatusNotStarted {
		row.progress.Status = metric.StatusNoData
		row.progress.Progress = nil
	}
	return row, nil
}

// keyFor is the aggregate query of period p's effective range as of asOf
// (DESIGN.md §3); ok is false when p has not started.
func keyFor(sc metric.Scope, p metric.Period, asOf time.Time) (aggregateKey, bool) {
	eff, started := p.Effective(asOf)
	if !started {
		return aggregateKey{}, false
	}
	return aggregateKey{scope: sc, from: metric.FormatDate(eff.Start), to: metric.FormatDate(eff.End)}, true
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
