// Package goal is a sales goal and its SMART assessment (docs/goals.md):
// the goal type and its validation, target parsing and resolution, and the
// checks that say whether a goal is Specific, Measurable, Attainable,
// Relevant and Time-bound. It knows no database: what the assessment needs
// from the data is handed to it as Evidence.
//
// Where docs/goals.md is silent, salesgoal decides:
//   - A change needs its sign: "+9%" is 9% more than the baseline, "30%" is
//     a rate of 30; "+9" with no unit is refused as ambiguous.
//   - Attainable compares changes the way a manager reads them: percentage
//     points for rates, percent otherwise (undefined from a value of 0).
//     Only complete periods count; on a tie the most recent best is named.
//     Too little history to compare is a warning, not a pass.
//   - A goal whose metric cannot be scoped that way (cac per owner), or
//     whose target is in the wrong unit (+5pp on revenue), fails and cannot
//     be forced either; every other failure can be saved with --force.
//   - Measurable fails on every metric the data cannot measure, by the
//     rule metrics and report follow (metric.Metric.Missing).
//   - Measurable warns when the baseline period of a relative target or
//     of an accumulating metric has not ended yet: the baseline is then
//     provisional (Baseline.Provisional), measured again once it ends.
//   - A relative target on a count is a whole number, rounded toward the
//     harder side; a relative percentage on a rate warns with its two
//     readings.
//   - The reasons of a criterion are listed worst first, so the line next
//     to a verdict explains it.
package goal

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// ErrInvalid is matched (with errors.Is) by every error Validate returns.
var ErrInvalid = errors.New("invalid goal")

// ErrNotFound is matched (with errors.Is) by the error a store returns for
// a goal id it does not hold.
var ErrNotFound = errors.New("goal not found")

// Baseline is the value a goal starts from: by default the metric over the
// period before the goal's (docs/goals.md).
type Baseline struct {
	// Spec says how the baseline period was chosen: "previous" (the
	// default), "last-year" (the same period a year earlier), or a period
	// as typed with --baseline.
	Spec   string
	Period metric.Period
	// Value is the metric over Period, nil when it is null.
	Value *float64
	// Through is the last day Value counts: the end of Period, or the
	// as-of date it was measured on when Period had not ended then. A
	// baseline measured before its period ended is provisional
	// (docs/goals.md, "Baselines"): it is measured again over the whole
	// period once that has ended. A planned baseline counts none of its
	// period: Through is the day before it starts.
	Through time.Time
	// From is, for a planned baseline, the goal set for the baseline
	// period (the same metric and scope) whose target stands in for the
	// baseline until that period ends: the link of a chain of relative
	// targets, "+9% each month" (docs/goals.md, "Every month"). 0: none,
	// or a goal not saved yet.
	From int64
}

// Provisional reports whether the baseline value was measured before its
// period ended, so that it counts only part of the period, or is planned.
func (b Baseline) Provisional() bool {
	return !b.Through.IsZero() && b.Through.Before(b.Period.End)
}

// Planned reports whether the baseline value is the target of the goal
// set for its period rather than a measure of it: the period had not
// ended when the goal was set, and a goal for it stood in.
func (b Baseline) Planned() bool {
	return !b.Through.IsZero() && b.Through.Before(b.Period.Start)
}

// Plan makes the baseline the target of goal from, set for the baseline
// period, until that period ends; from's id is kept to follow its target.
func (b *Baseline) Plan(from Goal) {
	v := *from.TargetValue
	b.Value, b.Through, b.From = &v, b.Period.Start.AddDate(0, 0, -1), from.ID
}

// The ways a baseline period is chosen, besides an explicit period.
const (
	BaselinePrevious = "previous"
	BaselineLastYear = "last-year"
)

// BaselineOver returns the baseline period of a goal over p that spec
// names: the previous period for "" or "previous" (docs/goals.md), the
// same period a year earlier for "last-year" (for 2027-Q1 that is 2026-Q1,
// so that a quarter is compared with a quarter). ok is false for any other
// spec, which should name a period of its own.
func BaselineOver(spec string, p metric.Period) (b Baseline, ok bool) {
	switch spec {
	case "", BaselinePrevious:
		return Baseline{Spec: BaselinePrevious, Period: p.Previous()}, true
	case BaselineLastYear:
		return Baseline{Spec: BaselineLastYear, Period: p.YearEarlier()}, true
	}
	return Baseline{}, false
}

// Goal is one sales goal.
type Goal struct {
	ID       int64 // 0 until saved
	Name     string
	Category string
	Metric   string // a metric of Category; by default its primary
	Scope    metric.Scope
	Period   metric.Period
	Target   Target
	// TargetValue is the target in the metric's unit, a relative target
	// resolved against the baseline; nil when it cannot be (a relative
	// target whose baseline is null).
	TargetValue *float64
	// Commit and Stretch are the optional tiers beside the target, written
	// like it: the floor the team commits to and the upside (docs/goals.md,
	// "Tiers"). A zero Target (Spec "") is no tier. Their values are
	// resolved like TargetValue.
	Commit, Stretch           Target
	CommitValue, StretchValue *float64
	Baseline                  Baseline
	ParentID                  int64 // 0: no parent
	Note                      string
	// Forced is true when the goal was saved with --force despite a
	// failed SMART criterion.
	Forced    bool
	CreatedAt time.Time
	// Sheet is the name of the quota sheet that keeps the goal ("" for a
	// goal added by hand), and SheetRow its place in that sheet, so that a
	// sheet applied again finds its goals and an export writes them in
	// the sheet's order (docs/goals.md, "Quota sheets").
	Sheet    string
	SheetRow int
}

// Resolve sets TargetValue from the target and the baseline's value,
// rounded to the cent for money and to a millionth otherwise, so that
// +9% of 100000 is 109000 and not 109000.00000000001. A relative target on
// a count is a whole number, rounded toward the harder side: up when
// higher is better (+20% of 119 deals is 143), down when lower is.
//
// The tiers are resolved the same way.
func (g *Goal) Resolve() {
	g.TargetValue = g.resolve(g.Target)
	g.CommitValue, g.StretchValue = nil, nil
	if g.Commit.Spec != "" {
		g.CommitValue = g.resolve(g.Commit)
	}
	if g.Stretch.Spec != "" {
		g.StretchValue = g.resolve(g.Stretch)
	}
}

func (g *Goal) resolve(t Target) *float64 {
	v, ok := t.Resolve(g.Baseline.Value)
	if !ok {
		return nil
	}
	m, known := metric.Lookup(g.Metric)
	v = Round(m, v)
	if known && m.Unit == metric.UnitCount && t.Relative() {
		if m.Better == metric.Higher {
			v = math.Ceil(v)
		} else {
			v = math.Floor(v)
		}
	}
	return &v
}

// Round rounds a value of metric m the way a target is kept: money to the
// cent, anything else to a millionth.
func Round(m metric.Metric, v float64) float64 {
	scale := 1e6
	if m.Unit == metric.UnitCurrency {
		scale = 100
	}
	return math.Round(v*scale) / scale
}

// Validate reports whether the goal can be saved at all: a name, a metric
// of the named category, a scope the metric allows, a period, and a target
// in the metric's unit. A goal that passes may still fail a SMART
// criterion; --force saves it then, but never a goal Validate rejects.
func (g Goal) Validate() error {
	if strings.TrimSpace(g.Name) == "" {
		return invalid("a goal needs a name")
	}
	m, ok := metric.Lookup(g.Metric)
	if !ok {
		return invalid("%q is not a metric", g.Metric)
	}
	if m.Category != g.Category {
		return invalid("metric %s belongs to category %s, not %q", m.ID, m.Category, g.Category)
	}
	switch g.Scope.Level {
	case metric.Company:
		if g.Scope.Value != "" {
			return invalid("a company-wide goal names no team or owner")
		}
	case metric.Team, metric.Owner:
		if strings.TrimSpace(g.Scope.Value) == "" {
			return invalid("a goal for one %s needs the %s's name", g.Scope.Level, g.Scope.Level)
		}
		if m.CompanyOnly {
			return invalid("%s is company-wide only: it cannot be set for %s", m.ID, g.Scope)
		}
	default:
		return invalid("scope %q is not company, team or owner", g.Scope.Level)
	}
	if g.Period.Label == "" || g.Period.Start.IsZero() || g.Period.End.IsZero() {
		return invalid("a goal needs a period with a start and an end")
	}
	if g.Period.End.Before(g.Period.Start) {
		return invalid("period %s ends before it starts", g.Period)
	}
	if _, err := ParseTarget(g.Target.Spec); err != nil {
		return invalid("%v", err)
	}
	if err := g.Target.CheckFor(m); err != nil {
		return invalid("%v", err)
	}
	for _, t := range g.Tiers() {
		if t.Name == TierTarget {
			continue
		}
		if _, err := ParseTarget(t.Target.Spec); err != nil {
			return invalid("%s: %v", t.Name, err)
		}
		if err := t.Target.CheckFor(m); err != nil {
			return invalid("%s: %v", t.Name, err)
		}
	}
	if g.ParentID < 0 || (g.ParentID != 0 && g.ParentID == g.ID) {
		return invalid("a goal cannot be its own parent")
	}
	return nil
}

// inputError is a sentence for the user that still matches a sentinel
// (ErrInvalid, ErrInvalidTarget) with errors.Is.
type inputError struct {
	msg      string
	sentinel error
}

func (e *inputError) Error() string { return e.msg }
func (e *inputError) Unwrap() error { return e.sentinel }

func invalid(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...), sentinel: ErrInvalid}
}

// DefaultName names a goal the manager did not name, from what it asks:
// "win-rate +5pp 2027-Q1", "revenue 120000 for owner Ana 2027-03".
func DefaultName(metricID string, s metric.Scope, t Target, p metric.Period) string {
	parts := []string{metricID, t.Spec}
	if s.Level == metric.Team || s.Level == metric.Owner {
		parts = append(parts, "for", s.String())
	}
	return strings.Join(append(parts, p.Label), " ")
}

// NamedByDefault reports whether g carries the name salesgoal made up for
// it (DefaultName), not one the manager gave.
func (g Goal) NamedByDefault() bool {
	return g.Name == DefaultName(g.Metric, g.Scope, g.Target, g.Period)
}
