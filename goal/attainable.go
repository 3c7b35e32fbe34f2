package goal

import (
	"fmt"
	"math"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// attainable: the target is possible at all (a rate within 0–100, a count
// or amount ≥ 0, a cycle > 0 days), and how it compares with the metric's
// history over the last up to 8 periods of the same length: "stretch" when
// the change it needs exceeds the best change seen, with that best, and in
// how many of those periods the target would have been met.
func attainable(g Goal, m metric.Metric, known bool, ev Evidence, asOf time.Time) Check {
	c := newCheck(Attainable)
	if !known {
		c.warn("cannot be judged until the goal names a metric of its category")
		return c.done()
	}
	if attainableTarget(c, g, m, ev) {
		tiers(c, g, m, ev)
	}
	return c.done()
}

// attainableTarget judges the target alone; it reports whether the target
// is possible at all, so that its tiers can be judged beside it.
func attainableTarget(c *checkBuilder, g Goal, m metric.Metric, ev Evidence) bool {
	if g.TargetValue == nil {
		c.warn("cannot be judged: %s has no baseline to start from", g.Target.Spec)
		return false
	}
	t := *g.TargetValue
	if reason := impossible(m, t); reason != "" {
		c.fail("%s", reason)
		return false
	}

	grain := periodWords(g.Period)
	hist := completeValues(ev.History)
	over := historyWords(grain, len(hist), len(ev.History))
	b := g.Baseline
	need, haveNeed := 0.0, false
	if b.Value != nil {
		need, haveNeed = change(m, *b.Value, t)
	}
	switch {
	case haveNeed && !improves(m, need):
		// Relevant says what is wrong with a target that asks for no
		// improvement; there is nothing to attain.
		c.pass("asks for no improvement over %s (%s → %s)", b.Period.Label, formatValue(m, *b.Value), formatValue(m, t))
		return true
	case haveNeed:
		best, bestAt, seen := bestChange(m, ev.History)
		switch {
		case !seen:
			c.warn("needs %s over %s; too little history to compare with (fewer than 2 complete %s in a row with a value)",
				formatChange(m, need), b.Period.Label, grain.plural)
		case !improves(m, best):
			c.warn("stretch: needs %s over %s; %s did not improve %s once in %s",
				formatChange(m, need), b.Period.Label, m.ID, grain.onOn, over)
		case beyond(m, need, best):
			c.warn("stretch: needs %s over %s; the best %s change in %s was %s (%s)",
				formatChange(m, need), b.Period.Label, grain.onOn, over, formatChange(m, best), bestAt)
		default:
			c.pass("needs %s over %s; the best %s change in %s was %s (%s)",
				formatChange(m, need), b.Period.Label, grain.onOn, over, formatChange(m, best), bestAt)
		}
	case b.Value != nil:
		// A baseline of 0 gives no percent change: compare values only.
		c.pass("needs %s, up from %s over %s", formatValue(m, t), formatValue(m, *b.Value), b.Period.Label)
	default:
		c.pass("needs %s; there is no baseline value over %s to compare with", formatValue(m, t), b.Period.Label)
	}

	if len(hist) == 0 {
		if !haveNeed {
			c.warn("no complete %s before %s has a value to compare the target with", grain.singular, g.Period.Label)
		}
		return true
	}
	met := 0
	for _, v := range hist {
		if meets(m, v, t) {
			met++
		}
	}
	// A target never reached names its value: beside a change within the
	// best one seen, "met in none" reads as a contradiction until it says
	// that no period came up to that value.
	line := "this target " + metIn(met, len(hist), over)
	if met == 0 && len(hist) > 1 {
		line += fmt.Sprintf(" (none reached %s)", formatValue(m, t))
	}
	if met == 0 && !haveNeed {
		c.warn("stretch: %s", line)
	} else {
		c.pass("%s", line)
	}
	return true
}

// metIn says in how many of n periods a target would have been met:
// "would have been met in 2 of the last 8 quarters", "… in none of the 4
// quarters with data"; over a single period, "would have been met in the
// only quarter with data" or "would not have been met in …".
func metIn(met, n int, over string) string {
	switch {
	case n == 1 && met == 0:
		return "would not have been met in " + over
	case n == 1:
		return "would have been met in " + over
	case met == 0:
		return "would have been met in none of " + over
	}
	return fmt.Sprintf("would have been met in %d of %s", met, over)
}

// historyWords names the periods the history compares with, counting only
// those that have data: "the last 8 quarters" when all of them do, else
// "the 2 quarters with data" (or "the only quarter with data").
func historyWords(grain words, withData, asked int) string {
	noun := grain.plural
	if withData == 1 {
		noun = grain.singular
	}
	if withData == asked {
		if withData == 1 {
			return "the last " + noun
		}
		return fmt.Sprintf("the last %d %s", withData, noun)
	}
	if withData == 1 {
		return "the only " + noun + " with data"
	}
	return fmt.Sprintf("the %d %s with data", withData, noun)
}

// impossible says why a target value cannot be reached by any team, or "".
func impossible(m metric.Metric, t float64) string {
	switch {
	case m.Unit == metric.UnitPercent && (t < 0 || t > 100):
		return m.ID + " of " + formatValue(m, t) + " is impossible: a rate lies between 0% and 100%"
	case m.Unit == metric.UnitDays && t <= 0:
		return "a cycle of " + formatValue(m, t) + " is impossible: a deal takes more than 0 days from created to closed"
	case (m.Unit == metric.UnitCount || m.Unit == metric.UnitCurrency) && t < 0:
		return m.ID + " of " + formatValue(m, t) + " is impossible: it cannot be negative"
	}
	return ""
}

// completeValues returns the values of the observations whose period is
// over, has data and a value that is not null, oldest first.
func completeValues(obs []Observation) []float64 {
	var out []float64
	for _, o := range obs {
		if comparable(o) {
			out = append(out, *o.Value)
		}
	}
	return out
}

// change is the move from a to b the way a manager reads it: percentage
// points for rates, percent for everything else (undefined from 0).
func change(m metric.Metric, a, b float64) (float64, bool) {
	if m.IsRate() {
		return b - a, true
	}
	if a == 0 {
		return 0, false
	}
	return 100 * (b - a) / math.Abs(a), true
}

// comparable reports whether a period of the history can be compared with
// the target: it is over, the data holds something in it, and the metric
// has a value.
func comparable(o Observation) bool {
	return o.Complete && o.HasData && o.Value != nil
}

// bestChange returns the change between consecutive periods of history
// that went furthest in the metric's better direction, and the label of
// the period it led to. seen is false when no two consecutive complete
// periods have values.
func bestChange(m metric.Metric, history []Observation) (best float64, at string, seen bool) {
	for i := 1; i < len(history); i++ {
		a, b := history[i-1], history[i]
		if !comparable(a) || !comparable(b) {
			continue
		}
		d, ok := change(m, *a.Value, *b.Value)
		if !ok {
			continue
		}
		// On a tie the most recent period is named: it is the one the
		// manager remembers.
		if !seen || !beyond(m, best, d) {
			best, at, seen = d, b.Period.Label, true
		}
	}
	return best, at, seen
}

// improves reports whether a change goes the metric's better way.
func improves(m metric.Metric, d float64) bool {
	if m.Better == metric.Lower {
		return d < 0
	}
	return d > 0
}

// beyond reports whether change d goes further in the better direction
// than change than. A hair's difference from rounding does not count.
func beyond(m metric.Metric, d, than float64) bool {
	const eps = 1e-9
	if m.Better == metric.Lower {
		return d < than-eps
	}
	return d > than+eps
}

// meets reports whether value v reaches target t.
func meets(m metric.Metric, v, t float64) bool {
	if m.Better == metric.Lower {
		return v <= t
	}
	return v >= t
}
