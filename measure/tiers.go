package measure

import (
	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/metric"
)

// TierTrack is where a goal stands against one of its tiers: its progress
// and status as if that tier were the target (docs/goals.md, "Tiers").
type TierTrack struct {
	Tier     goal.Tier
	Progress metric.Progress
}

// trackTiers tracks each tier of g as a target of its own, with the same
// actual: the target's own progress is p. A tier that cannot be resolved
// has no data.
func trackTiers(t metric.Tracking, g goal.Goal, p metric.Progress) []TierTrack {
	if !g.HasTiers() {
		return nil
	}
	var out []TierTrack
	for _, tr := range g.Tiers() {
		switch {
		case tr.Name == goal.TierTarget:
			out = append(out, TierTrack{tr, p})
		case tr.Value == nil:
			out = append(out, TierTrack{tr, metric.Progress{Elapsed: p.Elapsed, Status: metric.StatusNoData}})
		default:
			t.Target = *tr.Value
			out = append(out, TierTrack{tr, metric.Track(t)})
		}
	}
	return out
}

// TierStatus says which tiers the actual and the run rate reach: the
// highest tier on track (or achieved), and how the next one stands —
// "on-track for commit, behind target", "achieved target, at-risk for
// stretch", "on-track for stretch" — or, when none is reached, how the
// floor stands: "behind commit". It is "" for a goal without tiers and
// while nothing can be said (not started, no data).
func (t Tracked) TierStatus() string {
	if len(t.Tiers) == 0 {
		return ""
	}
	reached := -1
	for i, tt := range t.Tiers {
		switch tt.Progress.Status {
		case metric.StatusNotStarted, metric.StatusNoData:
			if i == 0 {
				return ""
			}
		case metric.StatusOnTrack, metric.StatusAchieved:
			reached = i
		}
	}
	switch {
	case reached < 0:
		return tierWords(t.Tiers[0])
	case reached == len(t.Tiers)-1:
		return tierWords(t.Tiers[reached])
	}
	return tierWords(t.Tiers[reached]) + ", " + tierWords(t.Tiers[reached+1])
}

// tierWords is a status against one tier: "on-track for commit", "behind
// target", "achieved stretch".
func tierWords(tt TierTrack) string {
	switch s := tt.Progress.Status; s {
	case metric.StatusOnTrack, metric.StatusAtRisk:
		return string(s) + " for " + tt.Tier.Name
	case metric.StatusNoData, metric.StatusNotStarted:
		return "no data for " + tt.Tier.Name
	default:
		return string(s) + " " + tt.Tier.Name
	}
}
