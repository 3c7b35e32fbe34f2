package goal

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// Assess checks goal g against the five SMART criteria of docs/goals.md,
// with what the data says handed in as ev, as of the given date. It never
// fails: a goal that cannot be judged on a criterion gets a warning or a
// failure that says why. A relative target is resolved against
// g.Baseline.Value here, whatever g.TargetValue holds.
func Assess(g Goal, ev Evidence, asOf time.Time) Assessment {
	g.Resolve()
	m, known := metric.Lookup(g.Metric)
	if known && m.Category != g.Category {
		known = false
	}
	return Assessment{
		AsOf: metric.DateOf(asOf),
		Checks: []Check{
			specific(g, ev),
			measurable(g, m, known, ev, asOf),
			attainable(g, m, known, ev, asOf),
			relevant(g, m, known, ev),
			timeBound(g, asOf),
		},
	}
}

// specific: a known category and metric, a scope that exists in the data,
// and a metric that can be scoped that way.
func specific(g Goal, ev Evidence) Check {
	c := newCheck(Specific)
	if len(metric.InCategory(g.Category)) == 0 {
		if m, ok := metric.Lookup(g.Category); ok { // a metric named as the category
			c.fail("%s is a metric, not a category: write --category %s --metric %s", m.ID, m.Category, m.ID)
			return c.done()
		}
		c.fail("%q is not a goal category: choose one of %s", g.Category, strings.Join(metric.Categories(), ", "))
		return c.done()
	}
	m, ok := metric.Lookup(g.Metric)
	if !ok || m.Category != g.Category {
		var ids []string
		for _, mm := range metric.InCategory(g.Category) {
			ids = append(ids, mm.ID)
		}
		what := fmt.Sprintf("%q is not a metric", g.Metric)
		if ok {
			what = fmt.Sprintf("%s belongs to category %s", m.ID, m.Category)
		}
		c.fail("%s: category %s measures %s", what, g.Category, strings.Join(ids, " or "))
		return c.done()
	}
	switch {
	case g.Scope.Level != metric.Company && m.CompanyOnly:
		c.fail("%s is company-wide only (spend has no owner), so it cannot be set for %s: drop --%s", m.ID, g.Scope, g.Scope.Level)
	case g.Scope.Level != metric.Company && !ev.ScopeExists:
		c.fail("%s %q appears in no deal or customer: check the spelling, names must match the CRM export exactly", g.Scope.Level, g.Scope.Value)
	default:
		c.pass("%s (%s) for %s over %s", m.ID, m.Description, g.Scope, g.Period.Label)
	}
	if m.IsRate() && g.Target.Form == Percent {
		percentOfRate(c, g, m)
	}
	return c.done()
}

// percentOfRate warns that a relative percentage on a rate has two
// readings: +30% of a retention of 70% is 91%, while 70% + 30 points is
// written +30pp.
func percentOfRate(c *checkBuilder, g Goal, m metric.Metric) {
	points := fmt.Sprintf("%+gpp", g.Target.Value)
	b := g.Baseline.Value
	if b == nil || g.TargetValue == nil {
		c.warn("%s changes %s by %g%% of its baseline, not by %g points: for points write %s",
			g.Target.Spec, m.ID, math.Abs(g.Target.Value), math.Abs(g.Target.Value), points)
		return
	}
	c.warn("%s of %s = %s; for %s %s %g points write %s",
		g.Target.Spec, formatValue(m, *b), formatValue(m, *g.TargetValue),
		formatValue(m, *b), signWord(g.Target.Value), math.Abs(g.Target.Value), points)
}

// signWord is "+" or "−" for a change.
func signWord(d float64) string {
	if d < 0 {
		return "−"
	}
	return "+"
}

// measurable: a target in the metric's unit, data that holds what the
// metric needs, a baseline for a relative target, and a baseline that
// rests on enough deals or customers.
func measurable(g Goal, m metric.Metric, known bool, ev Evidence, asOf time.Time) Check {
	c := newCheck(Measurable)
	if !known {
		c.warn("cannot be judged until the goal names a metric of its category")
		return c.done()
	}
	if err := g.Target.CheckFor(m); err != nil {
		c.fail("%v", err)
	}
	for _, t := range g.Tiers() {
		if t.Name == TierTarget {
			continue
		}
		if err := t.Target.CheckFor(m); err != nil {
			c.fail("%s %v", t.Name, err)
		}
	}
	reason := m.Missing(ev.Inputs)
	if reason != "" {
		c.fail("%s", reason)
	}
	b := g.Baseline
	relative := relativeTier(g)
	switch {
	case b.Value == nil && relative != nil:
		c.fail("%s is relative to the baseline, but %s has no value over %s: give an absolute %s, or --baseline with a period that has data",
			relative.Target.Spec, m.ID, b.Period.Label, relative.Name)
	case b.Value == nil:
		c.pass("no baseline: %s has no value over %s, so the target stands on its own", m.ID, b.Period.Label)
	case b.Planned():
		// The link of a chain: the baseline period has not ended, and the
		// goal set for it stands in until it does.
		c.pass("baseline planned: %s, the target set for %s, until %s ends; then %s over the whole of it, and the target resolved again",
			formatValue(m, *b.Value), b.Period.Label, b.Period.Label, m.ID)
	default:
		c.pass("baseline %s over %s", formatValue(m, *b.Value), b.Period.Label)
		if *b.Value == 0 {
			// A percentage of nothing is nothing: such a target is met
			// by doing nothing.
			for _, t := range g.Tiers() {
				if t.Target.Form == Percent {
					c.fail("%s of a baseline of 0 is 0, met by doing nothing: give an absolute %s", t.Target.Spec, t.Name)
					break
				}
			}
		}
		// Without the inputs, "rests on only 0 deals" would say the same
		// thing again.
		if ev.Baseline.LowSample() && reason == "" {
			c.warn("the baseline rests on only %s in %s: with fewer than %d, a single one moves it a lot",
				m.Basis.Of(ev.Baseline.Basis), b.Period.Label, metric.LowSampleBelow)
		}
		if (m.Accumulates || relative != nil) && !b.Period.Ended(asOf) {
			what := "the baseline"
			if relative != nil {
				what = "the baseline, and the target resolved from it,"
			}
			c.warn("%s is not over yet (as of %s): %s counts only %d of its %d days and is provisional, measured again over the whole of %s once it ends",
				b.Period.Label, metric.FormatDate(asOf), what, b.Period.ElapsedDays(asOf), b.Period.Days(), b.Period.Label)
		}
	}
	return c.done()
}

// relativeTier is the first of g's tiers written relative to the
// baseline, the target first; nil when every tier is a value.
func relativeTier(g Goal) *Tier {
	ts := g.Tiers()
	for _, i := range tierOrder(ts) {
		if ts[i].Target.Relative() {
			return &ts[i]
		}
	}
	return nil
}

// tierOrder lists the indexes of ts with the target first.
func tierOrder(ts []Tier) []int {
	out := []int{}
	for i, t := range ts {
		if t.Name == TierTarget {
			out = append([]int{i}, out...)
		} else {
			out = append(out, i)
		}
	}
	return out
}

// relevant: the target moves the metric in its better direction; the
// parent goal, when there is one, exists and covers the period; and the
// goals that serve this one add up to its target (rollUp).
func relevant(g Goal, m metric.Metric, known bool, ev Evidence) Check {
	c := newCheck(Relevant)
	if known {
		direction(c, g, m)
		rollUp(c, g, m, ev.Children)
	} else {
		c.warn("the direction cannot be judged until the goal names a metric of its category")
	}
	if g.ParentID == 0 && ev.Parent == nil {
		return c.done()
	}
	p := ev.Parent
	switch {
	case p == nil:
		c.fail("parent goal #%d does not exist: see 'salesgoal goal list' for the ids", g.ParentID)
	case g.ID != 0 && servesItself(g.ID, ev):
		c.fail("parent goal %s already serves this goal (#%d): a goal cannot serve itself", goalRef(*p), g.ID)
	case p.Period.Start.After(g.Period.Start) || p.Period.End.Before(g.Period.End):
		c.fail("parent goal %s runs over %s, which does not cover %s: pick a parent whose period holds this one",
			goalRef(*p), p.Period, g.Period)
	default:
		c.pass("serves parent goal %s (%s over %s)", goalRef(*p), p.Metric, p.Period.Label)
	}
	return c.done()
}

// goalRef names a goal in a reason: `#3 "Revenue 2027"`, or its name alone
// while it is not saved.
func goalRef(g Goal) string {
	if g.ID == 0 {
		return fmt.Sprintf("%q", g.Name)
	}
	return fmt.Sprintf("#%d %q", g.ID, g.Name)
}

func servesItself(id int64, ev Evidence) bool {
	if ev.Parent != nil && ev.Parent.ID == id {
		return true
	}
	for _, a := range ev.Ancestors {
		if a.ID == id {
			return true
		}
	}
	return false
}

// direction fails a target that moves the metric the wrong way: a goal to
// raise churn or lengthen the cycle.
func direction(c *checkBuilder, g Goal, m metric.Metric) {
	var delta float64
	var from, to string
	switch {
	case g.Target.Relative():
		delta = g.Target.Value
		if g.Baseline.Value != nil && g.TargetValue != nil {
			from, to = formatValue(m, *g.Baseline.Value), formatValue(m, *g.TargetValue)
		}
	case g.Baseline.Value != nil:
		delta = g.Target.Value - *g.Baseline.Value
		from, to = formatValue(m, *g.Baseline.Value), formatValue(m, g.Target.Value)
	default:
		c.pass("%s is better %s; there is no baseline to compare the target with", m.ID, m.Better)
		return
	}
	moves := ""
	if from != "" {
		moves = fmt.Sprintf(" (%s → %s)", from, to)
	}
	better, worse := "raise", "lower"
	if m.Better == metric.Lower {
		better, worse = "lower", "raise"
	}
	switch {
	case delta == 0:
		c.warn("the target keeps %s where it is%s: a goal should %s it", m.ID, moves, better)
	case (delta > 0) == (m.Better == metric.Higher):
		c.pass("%ss %s%s, the better direction", better, m.ID, moves)
	default:
		c.fail("the target would %s %s%s, but %s is better %s: a goal should %s it",
			worse, m.ID, moves, m.ID, m.Better, better)
	}
}

// timeBound: the period has a start and an end; warn when it has already
// ended or is longer than a year.
func timeBound(g Goal, asOf time.Time) Check {
	c := newCheck(TimeBound)
	p := g.Period
	if p.Start.IsZero() || p.End.IsZero() || p.End.Before(p.Start) {
		c.fail("the goal has no period with a start and an end: give --period")
		return c.done()
	}
	today := metric.FormatDate(asOf)
	switch {
	case p.Ended(asOf):
		c.warn("%s ended on %s, before today (%s): the goal can be checked but no longer worked towards",
			p.Label, metric.FormatDate(p.End), today)
	case !p.Started(asOf):
		c.pass("runs %s, starting in %d days", p, daysUntil(asOf, p.Start))
	default:
		c.pass("runs %s: %d of its %d days left", p, p.Days()-p.ElapsedDays(asOf), p.Days())
	}
	if p.Days() > 366 {
		c.warn("%s runs %d days, more than a year: set yearly or quarterly goals with this one as their parent",
			p.Label, p.Days())
	}
	return c.done()
}

// daysUntil returns the number of days from a to b.
func daysUntil(a, b time.Time) int {
	return int(metric.DateOf(b).Sub(metric.DateOf(a)) / (24 * time.Hour))
}
