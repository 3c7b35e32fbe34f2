package goal

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// Roll-up: a goal and the goals that serve it, one per owner or team of
// its scope (goal add --each) or one per part of its period (goal add
// --every), and how their targets add up (docs/goals.md, "Roll-up").

// AddsUpAcross reports whether the targets of metric m for several owners
// or teams add up to the target of the scope that holds them: counts and
// amounts do; rates and averages do not.
func AddsUpAcross(m metric.Metric) bool { return m.Accumulates && !m.IsRate() }

// AddsUpOverTime reports whether the targets of metric m over the parts of
// a period add up to the target over the whole: what accumulates does, and
// retention's loss (100 − retention) does.
func AddsUpOverTime(m metric.Metric) bool { return m.Accumulates || m.LossAccumulates }

// RollUp is what targets ts of metric m over parts add up to: their sum,
// or for retention 100 minus the sum of the losses they allow.
func RollUp(m metric.Metric, ts []float64) float64 {
	sum := 0.0
	for _, t := range ts {
		if m.LossAccumulates {
			sum += 100 - t
		} else {
			sum += t
		}
	}
	if m.LossAccumulates {
		return Round(m, 100-sum)
	}
	return Round(m, sum)
}

// ErrNoShares is returned by Split when the weights give no part a share.
var ErrNoShares = errors.New("no part has a share")

// Split divides total, a target of metric m over a whole period, over its
// parts in proportion to weights (each part's share of a period of its
// grain for an even split, the same part a year before for a seasonal
// one). The parts add up to total exactly (RollUp): money is split to the
// cent and counts to whole numbers by the largest remainder, the earlier
// part first on a tie; retention splits the loss it allows. A metric that
// does not add up over time gets total in every part.
func Split(m metric.Metric, total float64, weights []float64) ([]float64, error) {
	out := make([]float64, len(weights))
	if !AddsUpOverTime(m) {
		for i := range out {
			out[i] = total
		}
		return out, nil
	}
	sum := 0.0
	for _, w := range weights {
		sum += max(w, 0)
	}
	if sum <= 0 || total < 0 {
		return nil, ErrNoShares
	}
	amount := total
	if m.LossAccumulates {
		amount = 100 - total
	}
	step := 1e-6
	switch m.Unit {
	case metric.UnitCurrency:
		step = 0.01
	case metric.UnitCount:
		step = 1
	}
	units := math.Round(amount / step)
	parts := make([]float64, len(weights))
	given := 0.0
	type rest struct {
		i    int
		frac float64
	}
	var rests []rest
	for i, w := range weights {
		exact := units * max(w, 0) / sum
		parts[i] = math.Floor(exact + 1e-9)
		given += parts[i]
		rests = append(rests, rest{i, exact - parts[i]})
	}
	// The units the floors left go to the largest remainders.
	for left := int(units - given); left > 0; left-- {
		best := -1
		for j, r := range rests {
			if best < 0 || r.frac > rests[best].frac+1e-12 {
				best = j
			}
		}
		parts[rests[best].i]++
		rests[best].frac = -1
	}
	for i, p := range parts {
		v := Round(m, p*step)
		if m.LossAccumulates {
			v = Round(m, 100-v)
		}
		out[i] = v
	}
	return out, nil
}

// overAssignedWarn is how far the targets of the goals that serve a quota
// may add up beyond its own before Relevant warns: 10–20% over is the
// usual practice, so that the team makes its number when a rep misses.
const overAssignedWarn = 0.20

// rollUp judges the targets of the goals that serve g against g's own, for
// a metric that adds up: over the parts of g's period (children of g's
// scope) or over its owners or teams (children of a narrower scope). For
// a quota, children that add up to less than g's target leave part of it
// nobody's (a warning); more is over-assignment, said by how much, and a
// warning past 20%. For a cap, children that allow more than g's cap can
// each be met while g is missed (a warning).
func rollUp(c *checkBuilder, g Goal, m metric.Metric, children []Goal) {
	if g.TargetValue == nil || len(children) == 0 {
		return
	}
	var overTime, across []float64
	var overTimeGoals, acrossGoals []Goal
	unknown := 0
	for _, ch := range children {
		switch {
		case ch.Metric != g.Metric:
			continue
		case ch.TargetValue == nil:
			unknown++
		case ch.Scope == g.Scope:
			overTime = append(overTime, *ch.TargetValue)
			overTimeGoals = append(overTimeGoals, ch)
		default:
			across = append(across, *ch.TargetValue)
			acrossGoals = append(acrossGoals, ch)
		}
	}
	// Like with like: targets add up against g's only when their periods
	// make up g's whole period (a month's goal says nothing of a quarter's
	// target); otherwise Relevant says so and compares nothing.
	if len(overTime) > 0 && AddsUpOverTime(m) {
		if !coverWhole(g.Period, overTimeGoals) {
			partOnly(c, g, overTimeGoals)
		} else {
			judgeRollUp(c, g, m, overTime, "part of "+g.Period.Label, "parts of "+g.Period.Label)
		}
	}
	if len(across) > 0 && AddsUpAcross(m) {
		if !coverWhole(g.Period, acrossGoals) {
			partOnly(c, g, acrossGoals)
		} else {
			judgeRollUp(c, g, m, across, "goal that serves it", "goals that serve it")
		}
	}
	if unknown > 0 {
		c.pass("%d of the goals that serve it %s no target yet (no baseline to resolve it against)", unknown, hasHave(unknown))
	}
}

// judgeRollUp says how the targets ts of the goals that serve g (one,
// what they are; many, for several) compare with g's: "the 3 goals that
// serve it add up to 170,000", "the one goal that serves it asks for
// 170,000", each sentence agreeing with how many there are.
func judgeRollUp(c *checkBuilder, g Goal, m metric.Metric, ts []float64, one, many string) {
	t := *g.TargetValue
	sum := RollUp(m, ts)
	n, addUp, allow, each := fmt.Sprintf("the %d %s", len(ts), many), "add up to", "allow", "each"
	together := " together"
	if len(ts) == 1 {
		n, addUp, allow, each, together = "the one "+one, "asks for", "allows", "it", ""
	}
	same := math.Abs(sum-t) <= 1e-6*max(1, math.Abs(t))
	switch kind := m.Kind(); {
	case same && len(ts) == 1:
		c.pass("%s asks for its whole target (%s)", n, formatValue(m, t))
	case same:
		c.pass("%s add up to its target (%s)", n, formatValue(m, t))
	case kind == metric.KindCap || kind == metric.KindRetention:
		if meets(m, sum, t) {
			c.pass("%s %s %s%s, within its %s", n, allow, formatValue(m, sum), together, formatValue(m, t))
		} else {
			c.warn("%s %s %s%s, more than its %s: %s can be met while this goal is missed", n, allow, formatValue(m, sum), together, formatValue(m, t), each)
		}
	case sum < t:
		c.warn("under-assigned: %s %s %s, %s (%s) short of its target %s: the rest is nobody's target",
			n, addUp, formatValue(m, sum), formatValue(m, t-sum), sharePercent(t-sum, t), formatValue(m, t))
	case t > 0 && (sum-t)/t > overAssignedWarn:
		c.warn("over-assigned by %s: %s %s %s against its target %s; past 20%% over, the team is asked for far more than the goal",
			sharePercent(sum-t, t), n, addUp, formatValue(m, sum), formatValue(m, t))
	default:
		c.pass("over-assigned by %s: %s %s %s against its target %s (10–20%% over is the usual margin)",
			sharePercent(sum-t, t), n, addUp, formatValue(m, sum), formatValue(m, t))
	}
}

// coverWhole reports whether the periods of goals make up period p
// (metric.Period.MadeUpBy), as the report's roll-up line asks too.
func coverWhole(p metric.Period, goals []Goal) bool {
	parts := make([]metric.Period, len(goals))
	for i, ch := range goals {
		parts[i] = ch.Period
	}
	return p.MadeUpBy(parts)
}

// partOnly says, plainly, that the goals that serve g cover only part of
// its period, so that their targets are not compared with its own: "the
// one goal that serves it covers only 2027-01 of 2027-Q1: its target is
// not added up against this goal's until goals cover the whole of
// 2027-Q1".
func partOnly(c *checkBuilder, g Goal, goals []Goal) {
	var periods []string
	for _, ch := range goals {
		if !slices.Contains(periods, ch.Period.Label) {
			periods = append(periods, ch.Period.Label)
		}
	}
	n, targets := fmt.Sprintf("the %d goals that serve it cover", len(goals)), "their targets are"
	if len(goals) == 1 {
		n, targets = "the one goal that serves it covers", "its target is"
	}
	c.pass("%s only %s of %s: %s not added up against this goal's until goals cover the whole of %s",
		n, strings.Join(periods, ", "), g.Period.Label, targets, g.Period.Label)
}

// sharePercent writes part/whole as a percentage with one decimal: "5.9%".
func sharePercent(part, whole float64) string {
	if whole == 0 {
		return "—"
	}
	return metric.OneDecimal(100*part/whole) + "%"
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
