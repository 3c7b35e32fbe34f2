package cmd

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// How a tracked goal reads, shared by the report and goal show: the
// progress cell by kind of metric (docs/goals.md, "Progress"), the status
// with its low-sample mark, and the lines on pace, pipeline coverage, the
// baseline used and what cannot be measured.

// progressCell writes a goal's progress the way a manager reads it: a cap
// as "used 10 of 9 (111%)", never as progress; retention as the customers
// lost against the loss its target allows (retentionText); a quota or a
// ratio as a percentage, on a terminal after an eight-step bar (its tiers
// marked: goalBar); a ratio that went the wrong way from its baseline as
// "below baseline"; "—" when there is none.
func progressCell(t measure.Tracked, bar bool) string {
	p := t.Progress
	switch k := t.Metric.Kind(); {
	case k == metric.KindRetention && t.Actual != nil && t.Goal.TargetValue != nil:
		return retentionText(t, false)
	case k == metric.KindCap && t.Actual != nil && t.Goal.TargetValue != nil:
		return usedText(t)
	case p.Progress == nil:
		return "—"
	case *p.Progress < 0:
		return "below baseline"
	}
	s := reportPercent(*p.Progress)
	if !bar {
		return s
	}
	return goalBar(t, *p.Progress, barCells) + " " + s
}

// usedText is how much of a cap is used: "used 10 of 9 (111%)".
func usedText(t measure.Tracked) string {
	a, tv := *t.Actual, *t.Goal.TargetValue
	s := "used " + metric.FormatValue(t.Metric, a) + " of " + metric.FormatValue(t.Metric, tv)
	if u := t.Progress.Used; u != nil {
		s += " (" + reportPercent(*u) + ")"
	}
	return s
}

// retentionText is a retention goal's progress read as the rate it is,
// higher being better (docs/goals.md, "Progress"): while the rate is at or
// above its target, the points lost against the points the target allows,
// "lost 3pp of 5pp allowed (60%)" (compact: "lost 3pp of 5pp"); once below
// it, how far below, in words that agree with the status: "1.1pp to win
// back" while it is behind (the data holds customers who came back, so the
// rate can still grow back), "1.1pp below target" once it is missed.
func retentionText(t measure.Tracked, compact bool) string {
	a, tv := *t.Actual, *t.Goal.TargetValue
	lost := "lost " + metric.OneDecimal(100-a) + "pp of " + metric.OneDecimal(100-tv) + "pp"
	if short := tv - a; short > retentionTolerance {
		gap := metric.OneDecimal(short) + "pp below target"
		if t.Progress.Status == metric.StatusBehind {
			gap = metric.OneDecimal(short) + "pp to win back"
		}
		if compact {
			return gap
		}
		return lost + " allowed: " + gap
	}
	if compact {
		return lost
	}
	s := lost + " allowed"
	if u := t.Progress.Used; u != nil {
		s += " (" + reportPercent(*u) + ")"
	}
	return s
}

// retentionTolerance is how far below its target, in points, a retention
// rate may be and still count as on it: floating-point noise, far under
// the tenth of a point a rate is shown with.
const retentionTolerance = 1e-9

// statusCell is the status with its symbol (writeTable colours it on a
// terminal), with "(low sample)" beside it when the actual rests on fewer
// than 10 deals or customers.
func statusCell(t measure.Tracked) string {
	s := statusText(t.Progress.Status)
	if t.LowSample {
		s += " (low sample)"
	}
	return s
}

// goalNotes are the lines on a goal that its table row has no room for:
// why its metric is not measured, what a low-sample actual rests on, the
// pace of a running quota, the pipeline's coverage, and the baseline when
// it is not simply the previous period, complete.
func goalNotes(t measure.Tracked) []string {
	var out []string
	g, p := t.Goal, t.Progress
	if t.Reason != "" {
		out = append(out, t.Metric.ID+" is not measured: "+t.Reason)
	}
	if t.LowSample {
		out = append(out, "low sample: the actual rests on "+t.Metric.Basis.Of(t.Basis))
	}
	if p.Expected != nil && g.TargetValue != nil {
		line := fmt.Sprintf("pace: %s expected by today (%s of %s)", metric.FormatValue(t.Metric, *p.Expected),
			reportPercent(p.Elapsed), metric.FormatValue(t.Metric, *g.TargetValue))
		if p.NeededPerWeek != nil {
			line += fmt.Sprintf("; %s a week needed to reach it", metric.FormatValue(t.Metric, *p.NeededPerWeek))
		}
		out = append(out, line)
	}
	if c := t.Coverage; c != nil {
		out = append(out, coverageText(t.Metric, g, c))
	}
	if b := baselineText(t); b != "" {
		out = append(out, b)
	}
	if n := tierNote(t); n != "" {
		out = append(out, n)
	}
	return out
}

// coverageText says how far the open pipeline covers what a goal misses.
func coverageText(m metric.Metric, g goal.Goal, c *metric.Coverage) string {
	open := countOf(c.OpenDeals, "open deal", "open deals")
	if m.Unit == metric.UnitCurrency {
		open += " (" + metric.FormatValue(m, c.Open) + ")"
	}
	by := metric.FormatDate(g.Period.End)
	missing := metric.FormatValue(m, c.Missing) + " missing"
	before := fmt.Sprintf("the %d %s before", metric.CoverageHistory, periodWordsOf(g.Period))
	undated := ""
	if c.Undated > 0 {
		undated = fmt.Sprintf("; %s in the data %s no expected close date", countOf(c.Undated, "open deal", "open deals"), hasHave(c.Undated))
	}
	switch {
	case c.OpenDeals == 0 && c.Undated == 0:
		return fmt.Sprintf("pipeline coverage 0×: no open deal can close by %s (%s)", by, missing)
	case c.OpenDeals == 0:
		return fmt.Sprintf("pipeline coverage unknown: no open deal is expected to close by %s, but %s in the data %s no expected close date; %s",
			by, countOf(c.Undated, "open deal", "open deals"), hasHave(c.Undated), missing)
	case c.Ratio == nil:
		return fmt.Sprintf("pipeline: %s can close by %s, against %s; no deal closed in %s to give a win rate%s", open, by, missing, before, undated)
	}
	return fmt.Sprintf("pipeline coverage %s×: %s can close by %s; at the %s win rate of %s they would bring %s of the %s%s",
		metric.OneDecimal(*c.Ratio), open, by, metric.FormatValue(winRateMetric, *c.WinRate), before,
		metric.FormatValue(m, *c.Expected), missing, undated)
}

// hasHave is the verb that follows a count of n.
func hasHave(n int64) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// winRateMetric formats a win rate.
var winRateMetric, _ = metric.Lookup("win-rate")

// periodWordsOf names a period's grain in the plural: "quarters", or
// "periods" for a custom range.
func periodWordsOf(p metric.Period) string {
	if p.Grain == "" || p.Grain == metric.GrainRange {
		return "periods"
	}
	return string(p.Grain) + "s"
}

// baselineText says which baseline a goal's target rests on, when that is
// worth a line: a provisional one (its period still running), one measured
// again over its whole period, or one over another period than the
// previous quarter, month, week or year.
func baselineText(t measure.Tracked) string {
	b := t.Goal.Baseline
	days := func(through time.Time) string {
		return fmt.Sprintf("%d of its %d days", b.Period.ElapsedDays(through), b.Period.Days())
	}
	switch {
	case b.Planned():
		return fmt.Sprintf("baseline planned: the target set for %s, until it ends; then %s over the whole of it",
			b.Period.Label, t.Metric.ID)
	case b.Provisional():
		return fmt.Sprintf("baseline provisional: %s up to %s (%s); measured again over the whole of %s once it ends",
			b.Period.Label, metric.FormatDate(b.Through), days(b.Through), b.Period.Label)
	case !t.BaselineWasThrough.IsZero() && t.BaselineWasThrough.Before(b.Period.Start):
		return fmt.Sprintf("baseline over the whole of %s, measured once it ended (the target set for it stood in until then)", b.Period.Label)
	case !t.BaselineWasThrough.IsZero():
		s := fmt.Sprintf("baseline over the whole of %s: the goal was set when it had run %s", b.Period.Label, days(t.BaselineWasThrough))
		if t.Goal.Target.Relative() {
			s += ", and the target is resolved again"
		}
		return s
	case b.Spec != goal.BaselinePrevious || b.Period.Grain == metric.GrainRange || b.Period.Grain == "":
		return "baseline over " + b.Period.String()
	}
	return ""
}

// trackedJSON is what the report and goal show write of a tracked goal,
// besides the goal itself (docs/architecture.md).
type trackedJSON struct {
	Actual        *float64      `json:"actual"`
	Forecast      *float64      `json:"forecast"`
	Progress      *float64      `json:"progress"`
	Used          *float64      `json:"used"`
	Status        string        `json:"status"`
	LowSample     bool          `json:"low-sample"`
	Expected      *float64      `json:"expected"`
	NeededPerWeek *float64      `json:"needed-per-week"`
	Coverage      *coverageJSON `json:"coverage"`
	BaselineUsed  baselineJSON  `json:"baseline-used"`
	tiersJSON
	// Reason says why the actual is null when the data cannot measure the
	// metric at all.
	Reason string `json:"reason,omitempty"`
}

type coverageJSON struct {
	Ratio     *float64 `json:"ratio"`
	OpenDeals int64    `json:"open-deals"`
	Open      float64  `json:"open"`
	Undated   int64    `json:"undated"`
	WinRate   *float64 `json:"win-rate"`
	Expected  *float64 `json:"expected"`
	Missing   float64  `json:"missing"`
}

type baselineJSON struct {
	periodJSON
	// Through is the last day the baseline value counts; Provisional is
	// true while that is before the end of its period.
	Through     string `json:"through"`
	Provisional bool   `json:"provisional"`
	// Planned is true while the target set for the baseline period stands
	// in for it (a chain: "+9% each month").
	Planned bool `json:"planned"`
}

// toTrackedJSON converts a tracked goal: values in the metric's unit,
// money to the cent; progress and used as fractions.
func toTrackedJSON(t measure.Tracked) trackedJSON {
	m, p := t.Metric, t.Progress
	b := t.Goal.Baseline
	js := trackedJSON{
		Actual: reportCents(m, t.Actual), Forecast: reportCents(m, p.Forecast),
		Progress: p.Progress, Used: p.Used, Status: string(p.Status), LowSample: t.LowSample,
		Expected: reportCents(m, p.Expected), NeededPerWeek: reportCents(m, p.NeededPerWeek),
		BaselineUsed: baselineJSON{periodJSON: toPeriodJSON(b.Period), Through: metric.FormatDate(b.Period.End), Provisional: b.Provisional(), Planned: b.Planned()},
		Reason:       t.Reason,
		tiersJSON:    toTiersJSON(t),
	}
	if !b.Through.IsZero() && b.Provisional() {
		js.BaselineUsed.Through = metric.FormatDate(b.Through)
	}
	if c := t.Coverage; c != nil {
		cents := func(v float64) float64 { return *reportCents(m, &v) }
		js.Coverage = &coverageJSON{Ratio: c.Ratio, OpenDeals: c.OpenDeals, Open: cents(c.Open), Undated: c.Undated, WinRate: c.WinRate,
			Expected: reportCents(m, c.Expected), Missing: cents(c.Missing)}
	}
	return js
}

// reportPercent writes a fraction as a whole percentage: 0.534 → "53%".
func reportPercent(f float64) string {
	return strconv.FormatFloat(math.Round(f*100), 'f', 0, 64) + "%"
}
