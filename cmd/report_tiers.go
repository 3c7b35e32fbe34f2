package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/salesgoal/salesgoal/goal"
	"github.com/salesgoal/salesgoal/measure"
	"github.com/salesgoal/salesgoal/metric"
)

// How tiers (commit, target, stretch) and roll-ups (a goal with the goals
// that serve it) read in every format (docs/goals.md, "Tiers",
// "Roll-up"): the JSON and CSV fields, the lines under a table, the bar.

// tiersJSON is what a tracked goal adds for its tiers and its place in a
// roll-up.
type tiersJSON struct {
	// Parent is the goal this one serves; null for none.
	Parent *int64 `json:"parent"`
	// Tiers is where the goal stands against each tier, from the floor
	// up; [] for a goal without a commit or a stretch.
	Tiers      []tierJSON `json:"tiers"`
	TierStatus string     `json:"tier-status,omitempty"`
}

type tierJSON struct {
	Tier       string   `json:"tier"`
	TargetSpec string   `json:"target-spec"`
	Target     *float64 `json:"target"`
	Progress   *float64 `json:"progress"`
	Used       *float64 `json:"used"`
	Status     string   `json:"status"`
}

// rollUpJSON is a goal of a report's category with the goals that serve
// it: how many, and what their targets and actuals add up to.
type rollUpJSON struct {
	Parent   int64    `json:"parent"`
	Children int      `json:"children"`
	Target   *float64 `json:"target"`
	Actual   *float64 `json:"actual"`
	Assigned *float64 `json:"assigned"`
	Partial  bool     `json:"partial"`
}

func toTiersJSON(t measure.Tracked) tiersJSON {
	js := tiersJSON{Tiers: []tierJSON{}, TierStatus: t.TierStatus()}
	if id := t.Goal.ParentID; id != 0 {
		js.Parent = &id
	}
	for _, tt := range t.Tiers {
		js.Tiers = append(js.Tiers, tierJSON{
			Tier: tt.Tier.Name, TargetSpec: tt.Tier.Target.Spec, Target: reportCents(t.Metric, tt.Tier.Value),
			Progress: tt.Progress.Progress, Used: tt.Progress.Used, Status: string(tt.Progress.Status),
		})
	}
	return js
}

func toRollUpsJSON(s measure.Section) []rollUpJSON {
	out := []rollUpJSON{}
	for _, r := range s.RollUps {
		out = append(out, rollUpJSON{Parent: r.Parent, Children: r.Children,
			Target: reportCents(s.Metric, r.Target), Actual: reportCents(s.Metric, r.Actual), Assigned: r.Assigned, Partial: r.Partial})
	}
	return out
}

// reportCSVTierColumns is how many columns --format csv has for tiers and
// roll-ups, after the reasons (reportCSVHeader).
const reportCSVTierColumns = 8

// tierCSVCells are a goal's cells of the reportCSVTierColumns
// columns: parent, commit-spec, commit, commit-status, stretch-spec,
// stretch, stretch-status, tier-status.
func tierCSVCells(t measure.Tracked) []string {
	out := make([]string, reportCSVTierColumns)
	if t.Goal.ParentID != 0 {
		out[0] = strconv.FormatInt(t.Goal.ParentID, 10)
	}
	for _, tt := range t.Tiers {
		i := 1
		switch tt.Tier.Name {
		case goal.TierStretch:
			i = 4
		case goal.TierTarget:
			continue
		}
		out[i], out[i+1], out[i+2] = tt.Tier.Target.Spec, reportNumber(reportCents(t.Metric, tt.Tier.Value)), string(tt.Progress.Status)
	}
	out[7] = t.TierStatus()
	return out
}

// tierNote is the line under the table on a goal with tiers: each tier's
// value and status, and which the goal reaches.
func tierNote(t measure.Tracked) string {
	if len(t.Tiers) == 0 {
		return ""
	}
	parts := make([]string, len(t.Tiers))
	for i, tt := range t.Tiers {
		parts[i] = fmt.Sprintf("%s %s %s", tt.Tier.Name, formatMetric(t.Metric, tt.Tier.Value), tt.Progress.Status)
	}
	line := "tiers: " + strings.Join(parts, ", ")
	if s := t.TierStatus(); s != "" {
		line += ": " + s
	}
	return line
}

// rollUpNote is the line, under a section's goals, on a goal shown with
// the goals that serve it: what their targets add up to against its own,
// and what they have made.
func rollUpNote(s measure.Section, r measure.RollUp) string {
	// Each sentence agrees with how many goals there are: "the 3 goals
	// beneath it; their targets add up to …; they have made …", "the one
	// goal beneath it; its target is …; it has made …".
	n, notAdded, targets, made := fmt.Sprintf("the %d goals", r.Children), "their targets are", "their targets add up to ", "they have made "
	if r.Children == 1 {
		n, notAdded, targets, made = "the one goal", "its target is", "its target is ", "it has made "
	}
	line := fmt.Sprintf("%s is served by %s beneath it", idString(r.Parent), n)
	if r.Partial {
		// Like with like: a month's goals say nothing of a quarter's
		// target (there may be more in the months this report leaves out).
		return line + ", for only part of its period in this report: " + notAdded + " not added up against its own"
	}
	if r.Target != nil {
		line += "; " + targets + metric.FormatValue(s.Metric, *r.Target)
		if r.Assigned != nil {
			line += fmt.Sprintf(" (%s of its own)", reportPercent(*r.Assigned))
		}
	}
	if r.Actual != nil {
		line += "; " + made + metric.FormatValue(s.Metric, *r.Actual)
	}
	return line
}

// indent marks a goal shown beneath the goal it serves: "└ " once for
// each level.
func indent(depth int) string {
	if depth <= 0 {
		return ""
	}
	return strings.Repeat("  ", depth-1) + "└ "
}

// The marks of a goal's tiers on its bar: the target heavy, the commit
// and the stretch light, so that the line the status is measured against
// stands out; a dashed line, so that neither reads as a table's border.
const (
	targetMark = '┃'
	tierMark   = '╎'
)

// goalBar draws a goal's bar of n cells: share is its progress, or the
// share of its cap used. A goal with tiers gets a bar that runs to its
// farthest tier instead (the stretch of a quota or a ratio, the commit of
// a cap: the most that is measured against), with a mark where each tier
// falls (docs/goals.md, "Tiers").
func goalBar(t measure.Tracked, share float64, n int) string {
	end, marks := tierMarks(t)
	if len(marks) == 0 {
		return drawBar(share, n)
	}
	return drawBar(share/end, n, marks...)
}

// tierMarks places a goal's tiers on its bar, where share 1 is the target
// as progress or used counts it (metric.Track): a tier's value v is at
// v/T for a quota or a cap, (100 − v)/(100 − T) for retention's loss,
// (v − B)/(T − B) for a ratio off its baseline. end is the farthest of
// them, at least 1, where the bar ends; the marks are shares of that. No
// marks for a goal without tiers, or when they cannot be placed.
func tierMarks(t measure.Tracked) (end float64, marks []barMark) {
	tv := t.Goal.TargetValue
	if len(t.Tiers) == 0 || tv == nil {
		return 1, nil
	}
	at := func(v float64) float64 { return v }
	switch t.Metric.Kind() {
	case metric.KindRetention:
		at = func(v float64) float64 { return 100 - v }
	case metric.KindRatio:
		b := t.Goal.Baseline.Value
		if b == nil {
			return 1, nil
		}
		at = func(v float64) float64 { return v - *b }
	}
	unit := at(*tv)
	if unit == 0 {
		return 1, nil
	}
	end = 1
	for _, tt := range t.Tiers {
		if tt.Tier.Value != nil {
			end = max(end, at(*tt.Tier.Value)/unit)
		}
	}
	// The target last, so that it shows where two tiers share a cell.
	for _, tt := range t.Tiers {
		if tt.Tier.Value != nil && tt.Tier.Name != goal.TierTarget {
			marks = append(marks, barMark{at: at(*tt.Tier.Value) / unit / end, r: tierMark})
		}
	}
	return end, append(marks, barMark{at: 1 / end, r: targetMark})
}
