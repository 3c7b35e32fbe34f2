package goal

import (
	"fmt"
	"strings"

	"github.com/salesgoal/salesgoal/metric"
)

// tiers judges a goal's commit and stretch beside its target
// (docs/goals.md, "Tiers"): each must be possible; they must be in order,
// commit ≤ target ≤ stretch in the metric's better direction; and each is
// backtested like the target, with the change it needs over the baseline
// and in how many of the last periods it would have been met. A commit
// beyond the best change ever seen is no floor the team can count on (a
// warning); a stretch is meant to be one.
func tiers(c *checkBuilder, g Goal, m metric.Metric, ev Evidence) {
	if !g.HasTiers() {
		return
	}
	t := *g.TargetValue
	grain := periodWords(g.Period)
	hist := completeValues(ev.History)
	over := historyWords(grain, len(hist), len(ev.History))
	best, bestAt, seen := bestChange(m, ev.History)
	for _, tr := range g.Tiers() {
		if tr.Name == TierTarget {
			continue
		}
		if tr.Value == nil {
			c.warn("the %s %s cannot be judged: it has no baseline to start from", tr.Name, tr.Target.Spec)
			continue
		}
		v := *tr.Value
		if reason := impossible(m, v); reason != "" {
			c.fail("the %s: %s", tr.Name, reason)
			continue
		}
		if tr.Name == TierCommit && !meets(m, t, v) || tr.Name == TierStretch && !meets(m, v, t) {
			more := "more"
			if tr.Name == TierStretch {
				more = "less"
			}
			c.fail("the %s %s asks for %s than the target %s: the commit is the floor below the target and the stretch the upside beyond it (%s is better %s)",
				tr.Name, formatValue(m, v), more, formatValue(m, t), m.ID, m.Better)
			continue
		}
		var parts []string
		need, haveNeed := 0.0, false
		if b := g.Baseline; b.Value != nil {
			if need, haveNeed = change(m, *b.Value, v); haveNeed {
				parts = append(parts, fmt.Sprintf("needs %s over %s", formatChange(m, need), b.Period.Label))
			}
		}
		if len(hist) > 0 {
			met := 0
			for _, h := range hist {
				if meets(m, h, v) {
					met++
				}
			}
			parts = append(parts, metIn(met, len(hist), over))
		}
		line := tr.Name + " " + formatValue(m, v)
		if len(parts) > 0 {
			line += ": " + strings.Join(parts, "; ")
		}
		if tr.Name == TierCommit && haveNeed && seen && improves(m, need) && beyond(m, need, best) {
			c.warn("%s, beyond the best %s change in %s (%s, %s): a commit should be a floor the team can count on",
				line, grain.onOn, over, formatChange(m, best), bestAt)
			continue
		}
		c.pass("%s", line)
	}
}

// Tier is one level of a goal: the commit, the target or the stretch.
type Tier struct {
	Name   string // TierCommit, TierTarget or TierStretch
	Target Target
	Value  *float64 // resolved; nil when it cannot be
}

// The names of the tiers, from the floor up.
const (
	TierCommit  = "commit"
	TierTarget  = "target"
	TierStretch = "stretch"
)

// Tiers returns the goal's levels from the floor up: its commit if it has
// one, its target, its stretch if it has one.
func (g Goal) Tiers() []Tier {
	var out []Tier
	if g.Commit.Spec != "" {
		out = append(out, Tier{TierCommit, g.Commit, g.CommitValue})
	}
	out = append(out, Tier{TierTarget, g.Target, g.TargetValue})
	if g.Stretch.Spec != "" {
		out = append(out, Tier{TierStretch, g.Stretch, g.StretchValue})
	}
	return out
}

// HasTiers reports whether the goal has a commit or a stretch.
func (g Goal) HasTiers() bool { return g.Commit.Spec != "" || g.Stretch.Spec != "" }
